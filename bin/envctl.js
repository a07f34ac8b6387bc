#!/usr/bin/env node
// Launcher (CommonJS, see bin/package.json: no ES module loader to start for `--version`): all logic lives in the
// bundle dist/bundle/main.js, built by `npm install` / `npm run build` (scripts/build-bundle.mjs).
'use strict';
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // The one answer that needs no code: print it without loading the CLI (same output as commander's).
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  import('../dist/bundle/main.js')
    .then((m) => m.main(args))
    .then((code) => {
      process.exitCode = code;
    });
}
