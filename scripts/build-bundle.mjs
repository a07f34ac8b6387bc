// Bundles the CLI with esbuild into dist/bundle/ (what bin/envctl.js runs): one small entry chunk for argument
// parsing, and lazily loaded chunks per command, so `envctl --version` loads almost nothing and `envctl plan`
// reads a few files instead of hundreds of node_modules files. Run after tsc (`npm run build` does both).
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { standaloneValidatorSource } from './build-validator.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;

/**
 * Top-level requires in dependencies that only one rarely used feature needs, made lazy AND left out of the bundle:
 * dockerode's BuildKit session and progress decoder (gRPC + protobuf, ~45 ms to load) and docker-modem's ssh transport (ssh2, ~30 ms);
 * together 1.8 MB that every run would otherwise parse. Each is a function called later, so a wrapper that loads the
 * module on first call behaves the same. It is loaded from node_modules, resolved from dockerode (a direct dependency,
 * so always installed next to envctl) to find docker-modem wherever npm put it. A missing pattern (a dependency
 * changed) fails the build rather than silently losing the speed.
 */
// __envctlRequire is the banner's require (this bundle's own location); esbuild leaves calls through it alone.
const fromNodeModules = (module) => `__envctlCreateRequire(__envctlRequire.resolve('dockerode'))(${JSON.stringify(module)})`;

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
    edits: [["ssh = require('./ssh')", `ssh = function () { return ${fromNodeModules('docker-modem/lib/ssh.js')}.apply(this, arguments); }`]],
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

const result = await build({
  entryPoints: { main: `${root}src/cli/main.ts` },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Chunks sit next to main.js: code that finds package.json as ../../package.json works from any of them.
  chunkNames: '[name]-[hash]',
  // Native addons (ssh2's optional crypto binding) cannot be bundled; their loaders already fall back to plain JS.
  external: ['*.node'],
  // CommonJS dependencies inside an ES module bundle still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __envctlCreateRequire } from 'node:module'; const __envctlRequire = __envctlCreateRequire(import.meta.url); const require = __envctlRequire;",
  },
  plugins: [lazyRequires, standaloneValidator],
  // Less source to parse is the main start-up cost left (V8 compiles every loaded chunk); names are kept so --debug
  // stack traces still say which function failed, and the source map (node --enable-source-maps) gives the lines.
  // ENVCTL_BUNDLE_MINIFY=0 keeps it readable for profiling (node --cpu-prof).
  minify: process.env.ENVCTL_BUNDLE_MINIFY !== '0',
  keepNames: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  write: false,
});
publish([...result.outputFiles, packagesPerChunk(result.metafile)]);
/**
 * packages.json: for each chunk, the npm packages bundled into it — what test/unit/cli/startup-speed.test.ts reads to
 * prove that a command did not load dockerode, listr2, ajv or yaml (minified code no longer names them).
 */
function packagesPerChunk(metafile) {
  const map = {};
  for (const [out, info] of Object.entries(metafile.outputs)) {
    if (!out.endsWith('.js')) continue;
    const pkgs = new Set();
    for (const input of Object.keys(info.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m) pkgs.add(m[1]);
    }
    map[basename(out)] = [...pkgs].sort();
  }
  const text = `${JSON.stringify(map, null, 2)}\n`;
  return { path: join(outdir, 'packages.json'), contents: new TextEncoder().encode(text) };
}

/**
 * Several people (and test runs) build and run envctl in one checkout at the same time, so a reader must never see a
 * half-written bundle: chunks have content-hashed names and are written first, each through a rename (atomic), and
 * main.js, the one fixed name, last. Chunks of older builds are removed once they are old enough that no process
 * started from an older main.js can still be loading them.
 */
function publish(files) {
  mkdirSync(outdir, { recursive: true });
  const ordered = [...files].sort((a, b) => Number(basename(a.path).startsWith('main.js')) - Number(basename(b.path).startsWith('main.js')));
  for (const file of ordered) {
    const tmp = `${file.path}.tmp-${process.pid}`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path);
  }
  const current = new Set(files.map((f) => basename(f.path)));
  const staleBefore = Date.now() - 10 * 60 * 1000;
  for (const name of readdirSync(outdir)) {
    const path = join(outdir, name);
    if (!current.has(name) && statSync(path).mtimeMs < staleBefore) rmSync(path, { force: true });
  }
}

const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js'));
const kb = outputs.reduce((sum, [, o]) => sum + o.bytes, 0) / 1024;
process.stdout.write(`bundle: ${outputs.length} files, ${kb.toFixed(0)} KiB in dist/bundle\n`);
