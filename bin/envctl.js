#!/usr/bin/env node
// Launcher: all logic lives in dist/cli/main.js (built by `npm install` / `npm run build`).
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2))).then((code) => {
  process.exitCode = code;
});
