#!/usr/bin/env node
// Launcher (CommonJS, see bin/package.json: no ES module loader to start for `--version`): all logic lives in the
// bundle dist/bundle/main.cjs, built by `npm install` / `npm run build` (scripts/build-bundle.mjs).
'use strict';
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // The one answer that needs no code: print it without loading the CLI (same output as commander's).
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  const file = require('node:path').join(__dirname, '..', 'dist', 'bundle', 'main.cjs');
  // Node maps stack traces through source maps only for files it loads itself (vm scripts are left out).
  const { main } = process.sourceMapsEnabled ? require(file) : loadBundle(file);
  main(args).then((code) => {
    process.exitCode = code;
  });
}

/**
 * Runs a bundle file (CommonJS) the way require() would, but compiled with a V8 code cache: Node 20 has no compile
 * cache for modules, and compiling the functions a run calls is most of envctl's start-up. The cache of a file is
 * written next to it after the first run of each command that loads it (so it holds the functions that command
 * compiled) and keyed by the file's content hash (in its first line, written by the build), the command and the V8
 * version. A missing, unwritable or rejected cache only costs speed: V8 then compiles from source as usual.
 * The bundle's require() loads the vendor bundles it names (./vendor-*.cjs) the same way. Each file is a plain
 * CommonJS module as well: with --enable-source-maps the launcher require()s it instead.
 */
function loadBundle(file) {
  const fs = require('node:fs');
  const path = require('node:path');
  const vm = require('node:vm');
  const { createRequire } = require('node:module');
  const loaded = new Map();
  const toWrite = [];
  const command = commandName(args);

  function load(filename) {
    if (loaded.has(filename)) return loaded.get(filename).exports;
    const source = fs.readFileSync(filename, 'utf8');
    const hash = /^\/\*envctl-hash:([0-9a-f]{16})\*\//.exec(source)?.[1];
    const cacheFile = hash && `${filename}.${hash}.${command}.${process.versions.v8}-${process.arch}.v8cache`;
    let cachedData;
    try {
      if (cacheFile) cachedData = fs.readFileSync(cacheFile);
    } catch {
      // No cache yet: this run writes it.
    }
    const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
      filename,
      cachedData,
    });
    if (cacheFile && (cachedData === undefined || script.cachedDataRejected)) toWrite.push({ script, cacheFile });
    const module = { exports: {}, filename };
    loaded.set(filename, module);
    const base = createRequire(filename);
    const dir = path.dirname(filename);
    const bundleRequire = (id) => (/^\.\/vendor-[\w.-]+\.cjs$/.test(id) ? load(path.join(dir, id)) : base(id));
    bundleRequire.resolve = base.resolve;
    script.runInThisContext()(module.exports, bundleRequire, module, filename, dir);
    return module.exports;
  }

  process.once('exit', () => {
    for (const { script, cacheFile } of toWrite) {
      const tmp = `${cacheFile}.tmp-${process.pid}`;
      try {
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        try {
          fs.rmSync(tmp, { force: true });
        } catch {
          // A read-only install: it runs without a cache.
        }
      }
    }
  });
  return load(file);
}

/** The command word (plan, apply, …) of the arguments, for the cache key: each command compiles other functions. */
function commandName(argv) {
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === '-f' || argv[i] === '--file') i += 1;
    else if (/^[a-z][a-z-]{0,30}$/.test(argv[i])) return argv[i];
    else if (!argv[i].startsWith('-')) return 'other';
  }
  return 'none';
}
