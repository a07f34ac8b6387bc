// Bundles the CLI with esbuild into dist/bundle/ (what bin/envctl.js runs): one small entry chunk for argument
// parsing, and lazily loaded chunks per command, so `envctl --version` loads almost nothing and `envctl plan`
// reads a few files instead of hundreds of node_modules files. Run after tsc (`npm run build` does both).
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { standaloneValidatorSource } from './build-validator.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;

/**
 * Edits of dependencies' source at bundle time. Mostly top-level requires in dependencies that only one rarely used feature needs, made lazy AND left out of the bundle:
 * dockerode's BuildKit session and progress decoder (gRPC + protobuf, ~45 ms to load) and docker-modem's ssh transport (ssh2, ~30 ms);
 * together 1.8 MB that every run would otherwise parse. Each is a function called later, so a wrapper that loads the
 * module on first call behaves the same. It is loaded from node_modules, resolved from dockerode (a direct dependency,
 * so always installed next to envctl) to find docker-modem wherever npm put it. A missing pattern (a dependency
 * changed) fails the build rather than silently losing the speed.
 */
// __envctlRequire is the banner's require (this bundle's own location); esbuild leaves calls through it alone.
const fromNodeModules = (module) => `__envctlCreateRequire(__envctlRequire.resolve('dockerode'))(${JSON.stringify(module)})`;

/** A stand-in for a Node built-in that is required on first use of any of its properties. */
const lazyBuiltin = (module) =>
  `new Proxy({}, { get(_, key) { return require(${JSON.stringify(module)})[key]; }, has(_, key) { return key in require(${JSON.stringify(module)}); } })`;

const LAZY_REQUIRES = [
  {
    file: /node_modules\/dockerode\/lib\/docker\.js$/,
    edits: [
      ["withSession = require('./session')", `withSession = function () { return ${fromNodeModules('dockerode/lib/session.js')}.apply(this, arguments); }`],
      // Already required lazily, but bundling it would break it: it reads its .proto file relative to __dirname.
      ["var buildkit = require('./buildkit');", `var buildkit = ${fromNodeModules('dockerode/lib/buildkit.js')};`],
    ],
  },
  {
    file: /node_modules\/docker-modem\/lib\/modem\.js$/,
    edits: [
      ["ssh = require('./ssh')", `ssh = function () { return ${fromNodeModules('docker-modem/lib/ssh.js')}.apply(this, arguments); }`],
      // Its debug line formats every request's options (util.inspect, showHidden, unlimited depth) even when debug
      // output is off: ~0.3 ms a request, and with an HTTP agent in the options ~3 ms. Only when DEBUG asks for it now.
      ["debug('Sending: %s', util.inspect(options, {", "if (debug.enabled) debug('Sending: %s', util.inspect(options, {"],
    ],
  },
  // Node built-ins that every engine call or every command would load (~4 ms together) but only rare paths use:
  // TLS (a tcp+tls DOCKER_HOST), gzip (a build context), commander's executable subcommands (envctl has none).
  { file: /node_modules\/docker-modem\/lib\/http\.js$/, edits: [["nativeHttps = require('https')", `nativeHttps = ${lazyBuiltin('https')}`]] },
  { file: /node_modules\/dockerode\/lib\/util\.js$/, edits: [["var zlib = require('zlib');", `var zlib = ${lazyBuiltin('zlib')};`]] },
  {
    file: /node_modules\/commander\/lib\/command\.js$/,
    edits: [["const childProcess = require('node:child_process');", `const childProcess = ${lazyBuiltin('node:child_process')};`]],
  },
];

const lazyRequires = {
  name: 'lazy-requires',
  setup(b) {
    for (const { file, edits } of LAZY_REQUIRES) {
      b.onLoad({ filter: file }, async (args) => {
        const { readFile } = await import('node:fs/promises');
        let text = await readFile(args.path, 'utf8');
        for (const [eager, lazy] of edits) {
          if (!text.includes(eager)) throw new Error(`lazy-requires: "${eager}" not found in ${args.path}; update scripts/build-bundle.mjs`);
          text = text.replace(eager, lazy);
        }
        return { contents: text, loader: 'js' };
      });
    }
  },
};

/** src/spec/compile-validator.ts → the validator ajv generated now, from the schema tsc just compiled. */
const standaloneValidator = {
  name: 'standalone-validator',
  setup(b) {
    b.onResolve({ filter: /\/compile-validator\.js$/ }, (args) => ({ path: args.path, namespace: 'standalone-validator' }));
    b.onLoad({ filter: /.*/, namespace: 'standalone-validator' }, async () => ({
      contents: await standaloneValidatorSource(pathToFileURL(`${root}dist/`)),
      loader: 'js',
      resolveDir: root,
    }));
  },
};

/**
 * Packages big enough that a command which does not need them must not pay for them: each is bundled into its own
 * CommonJS file (vendor-<name>-<hash>.cjs) that main.cjs requires where the CLI imports the package, so the launcher
 * compiles it only when a command's code first runs that import. Everything else (commander, picocolors, …) and all
 * of envctl's own code is in main.cjs, where esbuild keeps each module's body lazy until first use.
 */
const VENDOR = ['dockerode', 'listr2', 'yaml', 'execa', '@sinclair/typebox', 'tar-stream', 'ajv'];

/**
 * Every file starts with this banner. The hash placeholder is replaced by a hash of the file's contents (same length,
 * so the source map stays right): the launcher keys its V8 code cache by it. CommonJS dependencies call require() for
 * Node built-ins; __envctlRequire is the launcher's require for this file (esbuild leaves calls through it alone).
 */
const HASH_PLACEHOLDER = '0'.repeat(16);
const banner = `/*envctl-hash:${HASH_PLACEHOLDER}*/const __envctlImportMetaUrl = require('node:url').pathToFileURL(__filename).href; const __envctlCreateRequire = require('node:module').createRequire; const __envctlRequire = require;`;

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // The bundles are CommonJS (the launcher compiles them with a V8 code cache, which Node 20 offers only for scripts).
  define: { 'import.meta.url': '__envctlImportMetaUrl' },
  // Native addons (ssh2's optional crypto binding) cannot be bundled; their loaders already fall back to plain JS.
  external: ['*.node'],
  banner: { js: banner },
  // Less source to parse is a start-up cost (V8 compiles every function a run calls); names are kept so --debug
  // stack traces still say which function failed, and the source map (node --enable-source-maps) gives the lines.
  // ENVCTL_BUNDLE_MINIFY=0 keeps it readable for profiling (node --cpu-prof).
  minify: process.env.ENVCTL_BUNDLE_MINIFY !== '0',
  keepNames: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  write: false,
};

const files = [];
const packages = {};
const vendorFile = {};
for (const pkg of VENDOR) {
  const name = `vendor-${pkg.replace(/^@/, '').replace(/\//g, '-')}`;
  const result = await build({
    ...common,
    stdin: { contents: `module.exports = require(${JSON.stringify(pkg)});`, resolveDir: root, sourcefile: `${name}.cjs` },
    outfile: `${outdir}/${name}.cjs`,
    plugins: [lazyRequires],
  });
  const out = stamp(result);
  // The hash in the name: a process that started from an older main.cjs never loads a newer build's vendor file.
  const hashed = `${name}-${hashOf(out.js.text)}.cjs`;
  vendorFile[pkg] = hashed;
  files.push(rename(out.js, hashed), rename(out.map, `${hashed}.map`, true));
  packages[hashed] = packagesIn(result.metafile);
}

/**
 * Vendors that modules import at their top although they use them only inside functions a command may never call:
 * TypeBox builds a field's schema fragment only when the schema is needed (validate's editor schema, gen:schema), yet
 * every field file imports it. main.cjs requires a stand-in that loads the real vendor file on first property access
 * (~12 ms saved on every plan and apply).
 */
const LAZY_VENDOR = new Set(['@sinclair/typebox']);
for (const pkg of LAZY_VENDOR) {
  const name = `vendor-lazy-${pkg.replace(/^@/, '').replace(/\//g, '-')}`;
  const real = JSON.stringify(`./${vendorFile[pkg]}`);
  const source = `${banner}\n'use strict';\nlet real;\nconst load = () => (real ??= require(${real}));\nmodule.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load(), ownKeys: () => Reflect.ownKeys(load()), getOwnPropertyDescriptor: (_, key) => Object.getOwnPropertyDescriptor(load(), key) });\n`;
  const text = source.replace(HASH_PLACEHOLDER, hashOf(source));
  const hashed = `${name}-${hashOf(text)}.cjs`;
  files.push({ path: join(outdir, hashed), text, contents: new TextEncoder().encode(text) });
  packages[hashed] = [];
  vendorFile[pkg] = hashed;
}

const vendorRequires = {
  name: 'vendor-requires',
  setup(b) {
    const filter = new RegExp(`^(${VENDOR.map((p) => p.replace(/[/.]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => ({ path: `./${vendorFile[args.path]}`, external: true }));
  },
};
const result = await build({
  ...common,
  entryPoints: { main: `${root}src/cli/main.ts` },
  outdir,
  outExtension: { '.js': '.cjs' },
  plugins: [vendorRequires, standaloneValidator, lazyRequires],
});
const main = stamp(result);
files.push(main.js, main.map);
packages['main.cjs'] = packagesIn(result.metafile);
for (const file of files) {
  if (!file.path.endsWith('.cjs')) continue;
  // A dynamic import() would need a module loader the launcher does not give vm scripts.
  if (/\bimport\(/.test(file.text)) throw new Error(`${file.path} contains import(); the launcher cannot run it`);
}
const packagesText = `${JSON.stringify(packages, null, 2)}\n`;
publish([...files, { path: join(outdir, 'packages.json'), contents: new TextEncoder().encode(packagesText) }]);

function hashOf(text) {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The build's .cjs and .map output, the banner's placeholder replaced by the hash of the .cjs text. */
function stamp(result) {
  const js = result.outputFiles.find((f) => f.path.endsWith('.cjs') || f.path.endsWith('.js'));
  const map = result.outputFiles.find((f) => f.path.endsWith('.map'));
  if (!js.text.startsWith(`/*envctl-hash:${HASH_PLACEHOLDER}*/`)) throw new Error(`${js.path}: the banner is not the first line`);
  const text = js.text.replace(HASH_PLACEHOLDER, hashOf(js.text));
  return { js: { path: js.path, text, contents: new TextEncoder().encode(text) }, map: { path: map.path, text: map.text, contents: map.contents } };
}

/** The same output under another name in dist/bundle (the .cjs's sourceMappingURL comment follows the rename). */
function rename(file, name, isMap = false) {
  const from = basename(file.path);
  const text = isMap ? file.text : file.text.replace(`sourceMappingURL=${from}.map`, `sourceMappingURL=${name}.map`);
  return { path: join(outdir, name), text, contents: new TextEncoder().encode(text) };
}

/**
 * packages.json: for each bundle file, the npm packages in it — what test/unit/cli/startup-speed.test.ts reads to
 * prove that a command did not load dockerode, listr2, ajv or yaml (minified code no longer names them).
 */
function packagesIn(metafile) {
  const pkgs = new Set();
  for (const [out, info] of Object.entries(metafile.outputs)) {
    if (!out.endsWith('.cjs') && !out.endsWith('.js')) continue;
    for (const input of Object.keys(info.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m) pkgs.add(m[1]);
    }
  }
  return [...pkgs].sort();
}

/**
 * Several people (and test runs) build and run envctl in one checkout at the same time, so a reader must never see a
 * half-written bundle: vendor files have content-hashed names and are written first, each through a rename (atomic),
 * and main.cjs, the one fixed name, last. Files of older builds (and code caches of files no longer current, see
 * bin/envctl.js) are removed once they are old enough that no process started from an older main.cjs can still be
 * loading them.
 */
function publish(files) {
  mkdirSync(outdir, { recursive: true });
  const isMain = (f) => Number(basename(f.path).startsWith('main.cjs'));
  const ordered = [...files].sort((a, b) => isMain(a) - isMain(b));
  for (const file of ordered) {
    const tmp = `${file.path}.tmp-${process.pid}`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  const current = new Set(files.map((f) => basename(f.path)));
  const hashes = files.filter((f) => f.path.endsWith('.cjs')).map((f) => f.text.slice('/*envctl-hash:'.length, '/*envctl-hash:'.length + 16));
  const staleBefore = Date.now() - 10 * 60 * 1000;
  for (const name of readdirSync(outdir)) {
    const path = join(outdir, name);
    if (current.has(name) || (name.endsWith('.v8cache') && hashes.some((h) => name.includes(h)))) continue;
    if (statSync(path).mtimeMs < staleBefore) rmSync(path, { force: true, recursive: true });
  }
}

const cjs = files.filter((f) => f.path.endsWith('.cjs'));
const kb = cjs.reduce((sum, f) => sum + f.contents.length, 0) / 1024;
process.stdout.write(`bundle: ${cjs.length} files, ${kb.toFixed(0)} KiB in dist/bundle\n`);
