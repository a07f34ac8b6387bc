// The build context as docker sends it (.dockerignore applied) and one hash that changes exactly when a build would.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import { readBuildContext } from '../../../src/features/build/read-build-context.js';
import { DEFAULT_MAX_CONTEXT_BYTES, type BuildSpec } from '../../../src/spec/image-source.js';
import { rejectionOf } from '../../support/expect-error.js';

let dir: string;
let spec: BuildSpec;
const write = (path: string, text: string): void => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const paths = async (build: BuildSpec): Promise<string[]> => (await readBuildContext(build)).entries.map((e) => e.path);
const hashOf = async (build: BuildSpec): Promise<string> => (await readBuildContext(build)).hash;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'envctl-build-context-'));
  spec = { context: join(dir, 'ctx'), dockerfile: 'Dockerfile', args: {}, target: null, maxContextBytes: DEFAULT_MAX_CONTEXT_BYTES };
  write('ctx/Dockerfile', 'FROM scratch\nCOPY app /app\n');
  write('ctx/app/main.py', 'print(1)\n');
  write('ctx/data/big.bin', 'x'.repeat(1000));
  write('ctx/data/keep.txt', 'kept\n');
  write('ctx/.dockerignore', 'data\n!data/keep.txt\n*.log\n');
  write('ctx/debug.log', 'noise\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a build context', () => {
  test('holds the files docker would send: .dockerignore applied, exceptions kept', async () => {
    expect(await paths(spec)).toEqual(['.dockerignore', 'Dockerfile', 'app/main.py', 'data/keep.txt']);
    expect((await readBuildContext(spec)).bytes).toBe(27 + 26 + 9 + 5);
  });

  test('its hash changes with a sent file, a mode, an arg, the target or the Dockerfile — and not with an ignored file', async () => {
    const base = await hashOf(spec);
    write('ctx/debug.log', 'more noise\n');
    write('ctx/data/big.bin', 'y');
    expect(await hashOf(spec)).toBe(base);

    write('ctx/app/main.py', 'print(2)\n');
    const edited = await hashOf(spec);
    expect(edited).not.toBe(base);
    chmodSync(join(dir, 'ctx/app/main.py'), 0o755);
    const executable = await hashOf(spec);
    expect(executable).not.toBe(edited);
    expect(await hashOf({ ...spec, args: { V: '1' } })).not.toBe(executable);
    expect(await hashOf({ ...spec, target: 'dev' })).not.toBe(executable);
    write('ctx/Dockerfile.gpu', 'FROM scratch\n');
    expect(await hashOf({ ...spec, dockerfile: 'Dockerfile.gpu' })).not.toBe(await hashOf(spec));
  });

  test('its hash is the one earlier versions computed for the same context, so images they built stay current', async () => {
    chmodSync(join(dir, 'ctx/app/main.py'), 0o755);
    symlinkSync('app/main.py', join(dir, 'ctx/run'));
    expect(await hashOf({ ...spec, args: { V: '1' } })).toBe('4f63d41815938e5413ffb3afb852ee25');
  });

  test('the Dockerfile and .dockerignore are sent even when .dockerignore lists them, as docker does', async () => {
    write('ctx/docker/Dockerfile.dev', 'FROM scratch\n');
    write('ctx/.dockerignore', '.dockerignore\ndocker\nDockerfile\n');
    const context = await readBuildContext({ ...spec, dockerfile: 'docker/Dockerfile.dev' });
    expect(context.dockerfile).toBe('docker/Dockerfile.dev');
    expect(context.entries.map((e) => e.path)).toEqual(['.dockerignore', 'app/main.py', 'data/big.bin', 'data/keep.txt', 'debug.log', 'docker/Dockerfile.dev']);
  });

  test('a Dockerfile outside the context is sent under a generated name that .dockerignore lists, like docker build -f', async () => {
    write('Dockerfile.outside', 'FROM scratch\nCOPY app /app\n');
    const outside = { ...spec, dockerfile: '../Dockerfile.outside' };
    const context = await readBuildContext(outside);
    expect(context.dockerfile).toMatch(/^\.dockerfile\.[0-9a-f]{20}$/);
    const sent = context.entries.find((e) => e.path === context.dockerfile);
    expect(sent?.content?.toString()).toBe('FROM scratch\nCOPY app /app\n');
    const ignore = context.entries.find((e) => e.path === '.dockerignore');
    expect(ignore?.content?.toString()).toBe(`data\n!data/keep.txt\n*.log\n\n${context.dockerfile}\n`);
    // The same Dockerfile gets the same name (the engine's build cache keeps working); its text is part of the hash.
    expect((await readBuildContext(outside)).dockerfile).toBe(context.dockerfile);
    write('Dockerfile.outside', 'FROM scratch\n');
    expect((await readBuildContext(outside)).hash).not.toBe(context.hash);
    expect((await readBuildContext({ ...spec, dockerfile: join(dir, 'Dockerfile.outside') })).dockerfile).toMatch(/^\.dockerfile\./);
  });

  test('a missing Dockerfile or context is a clear error naming it', async () => {
    await expect(readBuildContext({ ...spec, dockerfile: 'Dockerfile.cuda' })).rejects.toThrow(EnvctlError);
    await expect(readBuildContext({ ...spec, dockerfile: 'Dockerfile.cuda' })).rejects.toThrow(`build: no Dockerfile.cuda in ${spec.context}`);
    await expect(readBuildContext({ ...spec, dockerfile: '../nope/Dockerfile' })).rejects.toThrow(`build: no Dockerfile ${join(dir, 'nope/Dockerfile')}`);
    await expect(readBuildContext({ ...spec, context: join(dir, 'nope') })).rejects.toThrow(`build: cannot read the context ${join(dir, 'nope')}`);
  });

  test('a context bigger than max_context is refused before it is read, naming its size and biggest entries', async () => {
    write('ctx/weights/model.ckpt', '');
    truncateSync(join(dir, 'ctx/weights/model.ckpt'), 3 * 1024 ** 3); // sparse: no disk, no time
    const refused = await rejectionOf(readBuildContext(spec), EnvctlError);
    expect(refused.code).toBe('build-context-too-large');
    expect(refused.message).toBe(
      `the build context ${spec.context} is 3.0 GiB after .dockerignore, more than the default limit (2.0 GiB); biggest: weights/ (3.0 GiB), Dockerfile (27 B), .dockerignore (26 B), app/ (9 B), data/ (5 B)`,
    );
    expect(refused.hint).toBe(
      `leave out what the image does not need with a line in ${join(spec.context, '.dockerignore')} (e.g. \`weights\`), or raise \`build.max_context\` (e.g. max_context: 4g); nothing was sent`,
    );
    // Hashing it when max_context allows it is proven with its memory measured (test/engine/build-context.test.ts).
    write('ctx/.dockerignore', 'weights/\n');
    const ignored = await readBuildContext({ ...spec, maxContextBytes: 27 + 9 + 1000 + 5 + 6 + 9 });
    expect(ignored.entries.map((e) => e.path)).not.toContain('weights/model.ckpt');
    expect(ignored.bytes).toBe(ignored.entries.reduce((sum, e) => sum + e.size, 0));
    await expect(readBuildContext({ ...spec, maxContextBytes: ignored.bytes - 1 })).rejects.toThrow('more than build.max_context (');
  });
});
