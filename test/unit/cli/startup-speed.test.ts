// Speed is a feature: `envctl --version` costs little more than Node's own start-up, and the built CLI loads heavy
// modules (dockerode, listr2, ajv, yaml) only for the commands that need them — proven by recording every module
// each run loads, not only by timing.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin', 'envctl.js');
const BUNDLE = join(ROOT, 'dist', 'bundle', 'main.cjs');

/** dist/bundle/packages.json (written by the build) lists the npm packages bundled into each chunk. */
const HEAVY = ['dockerode', 'docker-modem', 'listr2', 'ajv', 'yaml'] as const;

// Module hooks (run in Node's loader thread) that append the URL of every ES module loaded to a file; CommonJS requires
// are recorded by wrapping Module._load, and the bundle files the launcher compiles itself (with a V8 code cache) by
// wrapping vm.Script.
const HOOKS = `import { appendFileSync } from 'node:fs';
let out;
export function initialize(data) { out = data.out; }
export async function load(url, context, next) { appendFileSync(out, url + '\\n'); return next(url, context); }
`;
const PROBE = `import { register } from 'node:module';
import Module from 'node:module';
import vm from 'node:vm';
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
const out = process.env.ENVCTL_PROBE_OUT;
register(new URL('./hooks.mjs', import.meta.url), { data: { out } });
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const file = Module._resolveFilename(request, parent, isMain);
  appendFileSync(out, (file.startsWith('/') ? pathToFileURL(file).href : file) + '\\n');
  return load.apply(this, arguments);
};
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(code, options) {
    super(code, options);
    if (options?.filename) appendFileSync(out, pathToFileURL(options.filename).href + '\\n');
  }
};
`;

let probeDir: string;

beforeAll(() => {
  expect(existsSync(BUNDLE), `${BUNDLE} is missing: run \`npm run build\``).toBe(true);
  probeDir = mkdtempSync(join(tmpdir(), 'envctl-probe-'));
  writeFileSync(join(probeDir, 'hooks.mjs'), HOOKS);
  writeFileSync(join(probeDir, 'probe.mjs'), PROBE);
  writeFileSync(join(probeDir, 'envctl.yaml'), 'version: 1\nproject: probe\nenvironments:\n  box:\n    image: busybox\n');
});
afterAll(() => rmSync(probeDir, { recursive: true, force: true }));

/** Runs the CLI under the probe; returns the files of the envctl package it loaded and the heavy packages in them. */
async function loadedBy(args: string[], env: Record<string, string> = {}): Promise<{ files: string[]; heavy: string[]; builtins: string[] }> {
  const out = join(probeDir, `loaded-${args.join('_').replace(/\W/g, '')}.txt`);
  writeFileSync(out, '');
  await run('node', ['--import', pathToFileURL(join(probeDir, 'probe.mjs')).href, BIN, ...args], {
    cwd: probeDir,
    env: { ...process.env, ...env, ENVCTL_PROBE_OUT: out, NO_COLOR: '1' },
  }).catch((err: { code?: number }) => {
    // plan without an engine exits 1 on purpose; anything else is a broken CLI.
    if (err.code !== 1) throw err;
  });
  const files = [...new Set(readFileSync(out, 'utf8').split('\n').filter((u) => u.startsWith('file:')))]
    .map((u) => fileURLToPath(u))
    .filter((f) => f.startsWith(ROOT) && !f.startsWith(probeDir));
  const chunks = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', 'packages.json'), 'utf8')) as Record<string, string[]>;
  const heavy = HEAVY.filter((pkg) =>
    files.some((f) => f.includes(`/node_modules/${pkg}/`) || (chunks[basename(f)] ?? []).includes(pkg)),
  );
  const builtins = [...new Set(readFileSync(out, 'utf8').split('\n').filter((u) => u !== '' && !u.includes('/')))].map((b) => b.replace(/^node:/, ''));
  return { files, heavy, builtins };
}

describe('start-up', () => {
  it('envctl --version loads no CLI code at all: only the launcher and package.json', async () => {
    const { files } = await loadedBy(['--version']);
    expect(files.map((f) => f.slice(ROOT.length + 1)).sort()).toEqual(['bin/envctl.js', 'package.json']);
  });

  it('envctl --help loads the bundle entry but none of dockerode, listr2, ajv, yaml', async () => {
    const { files, heavy } = await loadedBy(['--help']);
    expect(files.some((f) => f === BUNDLE)).toBe(true);
    expect(heavy).toEqual([]);
  });

  it('envctl validate reads the spec without dockerode or listr2, and without ajv (its validator is generated at build time)', async () => {
    const { heavy } = await loadedBy(['validate']);
    expect(heavy).toEqual(['yaml']);
  });

  it('envctl plan does load dockerode (the probe sees what it should), but not listr2', async () => {
    const { heavy } = await loadedBy(['plan'], { DOCKER_HOST: 'tcp://127.0.0.1:1' });
    expect(heavy).toContain('dockerode');
    expect(heavy).not.toContain('listr2');
  });

  it('envctl plan does not load tar-stream: it sits in its own bundle file, which only a build (or ssh files) loads', async () => {
    const chunks = JSON.parse(readFileSync(join(ROOT, 'dist', 'bundle', 'packages.json'), 'utf8')) as Record<string, string[]>;
    const tarFiles = Object.keys(chunks).filter((file) => chunks[file]!.includes('streamx'));
    expect(tarFiles).toEqual([expect.stringMatching(/^vendor-tar-stream-[0-9a-f]{16}\.cjs$/)]);
    expect(chunks['main.cjs']).not.toContain('tar-stream');
    const { files } = await loadedBy(['plan'], { DOCKER_HOST: 'tcp://127.0.0.1:1' });
    expect(files.map((f) => basename(f)).filter((f) => tarFiles.includes(f) || /tar-stream|streamx/.test(f))).toEqual([]);
  });

  it('envctl plan does not load TypeBox: the fields build their schema fragments only when the schema is needed', async () => {
    const { files } = await loadedBy(['plan'], { DOCKER_HOST: 'tcp://127.0.0.1:1' });
    const loaded = files.map((f) => basename(f));
    expect(loaded.filter((f) => /^vendor-sinclair-typebox-/.test(f))).toEqual([]);
    // The stand-in is loaded (every field file imports TypeBox), the real file only when a schema is built.
    expect(loaded.filter((f) => /^vendor-lazy-sinclair-typebox-/.test(f))).toHaveLength(1);
  });

  // Measured against bare `node -e 0` in the same interleaved runs, so a loaded CI machine slows both alike: on an
  // idle machine --version costs ~5 ms more than Node itself (the 80 ms target is bench/RESULTS.md's business).
  it('envctl --version costs barely more than starting Node at all (median of 7 interleaved runs)', async () => {
    const envctl: number[] = [];
    const node: number[] = [];
    const time = async (cmd: string, args: string[]) => {
      const start = performance.now();
      const { stdout } = await run(cmd, args);
      return { ms: performance.now() - start, stdout };
    };
    for (let i = 0; i < 8; i += 1) {
      const a = await time('node', [BIN, '--version']);
      const b = await time('node', ['-e', '0']);
      expect(a.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      if (i === 0) continue; // the first round warms the file cache
      envctl.push(a.ms);
      node.push(b.ms);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[3]!;
    const detail = `envctl ${envctl.map((t) => t.toFixed(0)).join(', ')} ms; node ${node.map((t) => t.toFixed(0)).join(', ')} ms`;
    expect(median(envctl) / median(node), detail).toBeLessThan(1.6);
  });
});
