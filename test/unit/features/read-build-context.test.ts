// The build context as docker sends it (.dockerignore applied) and one hash that changes exactly when a build would.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import { readBuildContext } from '../../../src/features/build/read-build-context.js';
import type { BuildSpec } from '../../../src/spec/image-source.js';

let dir: string;
let spec: BuildSpec;
const write = (path: string, text: string): void => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'envctl-build-context-'));
  spec = { context: dir, dockerfile: 'Dockerfile', args: {}, target: null };
  write('Dockerfile', 'FROM scratch\nCOPY app /app\n');
  write('app/main.py', 'print(1)\n');
  write('data/big.bin', 'x'.repeat(1000));
  write('data/keep.txt', 'kept\n');
  write('.dockerignore', 'data\n!data/keep.txt\n*.log\n');
  write('debug.log', 'noise\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('a build context', () => {
  test('holds the files docker would send: .dockerignore applied, exceptions kept', () => {
    expect(readBuildContext(spec).files).toEqual(['.dockerignore', 'Dockerfile', 'app/main.py', 'data/keep.txt']);
  });

  test('its hash changes with a sent file, a mode, an arg, the target or the Dockerfile — and not with an ignored file', () => {
    const base = readBuildContext(spec).hash;
    write('debug.log', 'more noise\n');
    write('data/big.bin', 'y');
    expect(readBuildContext(spec).hash).toBe(base);

    write('app/main.py', 'print(2)\n');
    const edited = readBuildContext(spec).hash;
    expect(edited).not.toBe(base);
    chmodSync(join(dir, 'app/main.py'), 0o755);
    const executable = readBuildContext(spec).hash;
    expect(executable).not.toBe(edited);
    expect(readBuildContext({ ...spec, args: { V: '1' } }).hash).not.toBe(executable);
    expect(readBuildContext({ ...spec, target: 'dev' }).hash).not.toBe(executable);
    write('Dockerfile.gpu', 'FROM scratch\n');
    expect(readBuildContext({ ...spec, dockerfile: 'Dockerfile.gpu' }).hash).not.toBe(readBuildContext(spec).hash);
  });

  test('a missing Dockerfile or context is a clear error naming it', () => {
    const noFile = (): unknown => readBuildContext({ ...spec, dockerfile: 'Dockerfile.cuda' });
    expect(noFile).toThrow(EnvctlError);
    expect(noFile).toThrow(`build: no Dockerfile.cuda in ${dir}`);
    expect(() => readBuildContext({ ...spec, context: join(dir, 'nope') })).toThrow(`build: cannot read the context ${join(dir, 'nope')}`);
  });
});
