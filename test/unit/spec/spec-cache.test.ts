// The spec cache: an unchanged spec is answered from the cache, and ANY change to what its load read is seen.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { SpecError } from '../../../src/errors/envctl-error.js';
import { loadSpec } from '../../../src/spec/load-spec.js';
import { loadSpecThroughCache, runningBuildId, type SpecCacheOptions } from '../../../src/spec/spec-cache.js';

const KEY_A = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyAKeyAKeyAKeyAKeyAKeyAKeyAKeyAKeyAKeyA00 a@lab';
const KEY_B = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeyBKeyBKeyBKeyBKeyBKeyBKeyBKeyBKeyBKeyB00 b@lab';

let root: string;
let dir: string;
let home: string;
let cache: SpecCacheOptions;
let environ: Record<string, string | undefined>;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'envctl-spec-cache-'));
  dir = join(root, 'lab');
  home = join(root, 'home');
  mkdirSync(dir);
  mkdirSync(join(home, '.ssh'), { recursive: true });
  writeFileSync(join(home, '.ssh', 'id_ed25519.pub'), `${KEY_A}\n`);
  environ = { IMAGE_TAG: '1.0', UNRELATED: 'x' };
  cache = { build: 'build-1', dir: join(root, 'cache'), environ, homeDir: home };
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const SPEC = `version: 1
project: lab
environments:
  web:
    image: busybox:\${IMAGE_TAG}
    env_file: web.env
    environment: [HOME_DIR]
    ssh: true
  db:
    image: busybox:\${DB_TAG:-latest}
`;

function write(name: string, text: string): void {
  writeFileSync(join(dir, name), text);
}

async function load(): Promise<{ state: Awaited<ReturnType<typeof loadSpec>>; fromCache: boolean }> {
  return loadSpecThroughCache(join(dir, 'envctl.yaml'), { displayPath: 'envctl.yaml' }, cache);
}

function setUp(): void {
  write('envctl.yaml', SPEC);
  write('web.env', 'TOKEN=one\n');
}

describe('the spec cache', () => {
  test('a second load of an unchanged spec comes from the cache and equals a fresh load', async () => {
    setUp();
    const first = await load();
    const second = await load();
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    const fresh = await loadSpec(join(dir, 'envctl.yaml'), { displayPath: 'envctl.yaml', environ, homeDir: home });
    expect(second.state).toStrictEqual(fresh);
    expect(first.state).toStrictEqual(fresh);
  });

  test.each([
    ['the spec text', () => write('envctl.yaml', SPEC.replace('db:', 'cache:'))],
    ['an env_file', () => write('web.env', 'TOKEN=two\n')],
    ['a .env file appearing', () => write('.env', 'DB_TAG=2\n')],
    ['a variable the spec uses', () => (environ.IMAGE_TAG = '2.0')],
    ['a variable the spec uses only through a default', () => (environ.DB_TAG = '3')],
    ['a variable a bare environment entry names', () => (environ.HOME_DIR = '/h')],
    ['a public key added to ~/.ssh (ssh: true)', () => writeFileSync(join(home, '.ssh', 'id_b.pub'), `${KEY_B}\n`)],
    ['a public key changed', () => writeFileSync(join(home, '.ssh', 'id_ed25519.pub'), `${KEY_B}\n`)],
    ['the build of envctl', () => (cache = { ...cache, build: 'build-2' })],
  ])('a change to %s is seen', async (_, change) => {
    setUp();
    await load();
    change();
    const after = await load();
    expect(after.fromCache).toBe(false);
    const fresh = await loadSpec(join(dir, 'envctl.yaml'), { displayPath: 'envctl.yaml', environ, homeDir: home });
    expect(after.state).toStrictEqual(fresh);
  });

  test('a variable the spec does not use changes nothing: still from the cache', async () => {
    setUp();
    await load();
    environ.UNRELATED = 'y';
    environ.NEW_ONE = 'z';
    expect((await load()).fromCache).toBe(true);
  });

  test('two builds of envctl used in turn each keep their own record', async () => {
    setUp();
    await load();
    const first = cache;
    cache = { ...cache, build: 'build-2' };
    expect((await load()).fromCache).toBe(false);
    cache = first;
    expect((await load()).fromCache).toBe(true);
  });

  test('a spec with errors is never cached: it fails every time', async () => {
    write('envctl.yaml', 'version: 1\nenvironments:\n  web: { imag: busybox }\n');
    await expect(load()).rejects.toBeInstanceOf(SpecError);
    await expect(load()).rejects.toBeInstanceOf(SpecError);
    setUp();
    await load();
    write('envctl.yaml', 'version: 1\nenvironments:\n  web: { imag: busybox }\n');
    await expect(load()).rejects.toBeInstanceOf(SpecError);
  });

  test('its files are readable by their owner only, and hold hashes of the inputs, not their text', async () => {
    setUp();
    write('web.env', 'TOKEN=one\n');
    write('envctl.yaml', SPEC.replace('env_file: web.env', 'env_file: web.env\n    labels: { team: vision }'));
    environ.UNUSED_SECRET = 'hunter2-unused';
    await load();
    const files = readdirSync(cache.dir);
    expect(files).toHaveLength(1);
    expect(statSync(join(cache.dir, files[0]!)).mode & 0o777).toBe(0o600);
    expect(statSync(cache.dir).mode & 0o777).toBe(0o700);
    const text = readFileSync(join(cache.dir, files[0]!), 'utf8');
    expect(text).not.toContain('hunter2-unused');
    expect(text).not.toContain('TOKEN=one');
  });

  test('a damaged or unwritable cache only costs a normal load', async () => {
    setUp();
    await load();
    const file = join(cache.dir, readdirSync(cache.dir)[0]!);
    writeFileSync(file, '{ not json');
    expect((await load()).fromCache).toBe(false);
    expect((await load()).fromCache).toBe(true);
    rmSync(cache.dir, { recursive: true });
    writeFileSync(cache.dir, 'a file where the folder should be');
    const result = await load();
    expect(result.fromCache).toBe(false);
    expect(result.state.environments.map((e) => e.name)).toStrictEqual(['db', 'web']);
  });

  test('the folder is kept small: old records go first', async () => {
    setUp();
    mkdirSync(cache.dir, { recursive: true });
    for (let i = 0; i < 70; i += 1) writeFileSync(join(cache.dir, `old-${i}.json`), '{}');
    await load();
    const left = readdirSync(cache.dir);
    expect(left.length).toBeLessThanOrEqual(64);
    expect(left.length).toBeGreaterThan(0);
  });

  test('every example loads through the cache to exactly what a fresh load gives', async () => {
    const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
    for (const name of readdirSync(examples).filter((n) => n.endsWith('.yaml'))) {
      const options = { displayPath: `examples/${name}` };
      const fresh = await loadSpec(join(examples, name), { ...options, environ, homeDir: home });
      await loadSpecThroughCache(join(examples, name), options, cache);
      const cached = await loadSpecThroughCache(join(examples, name), options, cache);
      expect(cached.fromCache, name).toBe(true);
      expect(cached.state, name).toStrictEqual(fresh);
    }
  });

  test('envctl run from its sources (not the stamped bundle) caches nothing; ENVCTL_SPEC_CACHE=off turns it off', () => {
    expect(runningBuildId({})).toBeNull();
    expect(runningBuildId({ ENVCTL_SPEC_CACHE: 'off' })).toBeNull();
  });
});

