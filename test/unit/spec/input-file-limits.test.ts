// Every file envctl reads is a regular file under a size limit: /dev/zero, a FIFO, a folder or a 2 MiB file as the spec,
// `.env` or `env_file` is a clear error naming the file, the limit and a hint — at once, never a hang or gigabytes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { EnvctlError, SpecError, formatSpecIssue } from '../../../src/errors/envctl-error.js';
import { loadSpec } from '../../../src/spec/load-spec.js';
import { InputFileError, MAX_INPUT_FILE_BYTES, readInputFile, readUnlessMissing } from '../../../src/base/read-input-file.js';
import { normalizeSsh } from '../../../src/fields/ssh/normalize-ssh.js';
import { mapRunToEnvironment } from '../../../src/features/import/map-run-to-environment.js';
import { parseDockerRun } from '../../../src/features/import/parse-docker-run.js';
import { rejectionOf, thrownBy } from '../../support/expect-error.js';

let dir = '';
const fresh = (): string => (dir = mkdtempSync(join(tmpdir(), 'envctl-limits-')));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function fifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

function loadError(file: string): Promise<SpecError> {
  return rejectionOf(loadSpec(file, { environ: {}, displayPath: 'envctl.yaml', homeDir: '/home/tester' }), SpecError);
}

describe('readInputFile', () => {
  test('a FIFO nobody writes to is refused at once instead of blocking', () => {
    const path = fifo(join(fresh(), 'pipe'));
    const started = Date.now();
    expect(() => readInputFile(path)).toThrow(InputFileError);
    expect(() => readInputFile(path)).toThrow(`${path} is a FIFO (named pipe), not a regular file`);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('/dev/zero (endless) and a folder are not regular files', () => {
    expect(() => readInputFile('/dev/zero')).toThrow('/dev/zero is a character device, not a regular file');
    const folder = fresh();
    expect(() => readInputFile(folder)).toThrow(`${folder} is a folder, not a regular file`);
  });

  test('a file over the limit is refused by its size, before it is read', () => {
    const path = join(fresh(), 'big');
    writeFileSync(path, '');
    truncateSync(path, 8 * 1024 ** 3); // sparse: 8 GiB that reading would never finish
    const error = thrownBy(() => readInputFile(path), InputFileError);
    expect(error.message).toBe(`${path} is larger than 1 MiB, the most envctl reads from one file`);
    expect(error.hint).toMatch(/right file/);
  });

  test('a file that says it is empty (as /proc files do) is read to its end, but no further than the limit', () => {
    expect(readInputFile('/proc/self/status')).toMatch(/^Name:/);
    expect(() => readInputFile('/proc/self/status', 16)).toThrow('is larger than 16 bytes');
    expect(MAX_INPUT_FILE_BYTES).toBe(1024 * 1024);
  });

  test('a file to rewrite (~/.ssh/config, known_hosts) that cannot be read stops the command: it is never replaced', () => {
    expect(readUnlessMissing(join(fresh(), 'none'))).toBe('');
    const path = fifo(join(dir, 'config'));
    expect(() => readUnlessMissing(path)).toThrow(EnvctlError);
    expect(() => readUnlessMissing(path)).toThrow(`${path} is a FIFO (named pipe), not a regular file; it was left as it is`);
  });
});

describe('the spec and the files it names', () => {
  test('-f a FIFO, /dev/zero or a 2 MiB file: a located spec error naming the file and the limit, with a hint', async () => {
    const pipe = fifo(join(fresh(), 'spec.yaml'));
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `version: 1\nx: "${'a'.repeat(2 * 1024 * 1024)}"\n`);
    for (const [file, text] of [
      [pipe, 'envctl.yaml:1:1: the spec is a FIFO (named pipe), not a regular file'],
      ['/dev/zero', 'envctl.yaml:1:1: the spec is a character device, not a regular file'],
      [big, 'envctl.yaml:1:1: the spec is larger than 1 MiB, the most envctl reads from one file'],
    ] as const) {
      const error = await loadError(file);
      expect(error.code).toBe('spec-invalid');
      expect(error.message).toBe(text);
      expect(error.issues[0]?.hint).toBeTruthy();
    }
  });

  test('a .env that is a FIFO is reported (it is not silently skipped, and nothing blocks)', async () => {
    const folder = fresh();
    writeFileSync(join(folder, 'envctl.yaml'), 'version: 1\nenvironments:\n  box: { image: busybox }\n');
    fifo(join(folder, '.env'));
    const error = await loadError(join(folder, 'envctl.yaml'));
    expect(error.issues.map(formatSpecIssue)).toEqual([
      '.env:1:1: .env is a FIFO (named pipe), not a regular file (envctl reads its inputs from regular files: write this one to a file first)',
    ]);
  });

  test('env_file /dev/zero, a FIFO or a huge file: an issue at the env_file line, naming the file', async () => {
    const folder = fresh();
    fifo(join(folder, 'pipe.env'));
    writeFileSync(join(folder, 'huge.env'), `BIG=${'x'.repeat(MAX_INPUT_FILE_BYTES)}\n`);
    writeFileSync(
      join(folder, 'envctl.yaml'),
      'version: 1\nenvironments:\n  a: { image: busybox, env_file: /dev/zero }\n  b: { image: busybox, env_file: pipe.env }\n  c: { image: busybox, env_file: huge.env }\n',
    );
    const error = await loadError(join(folder, 'envctl.yaml'));
    const found = error.issues.map(formatSpecIssue);
    expect(found).toHaveLength(3);
    expect(found[0]).toMatch(/^envctl\.yaml:3:34: env_file "\/dev\/zero" is a character device, not a regular file/);
    expect(found[1]).toMatch(/^envctl\.yaml:4:34: env_file "pipe\.env" is a FIFO \(named pipe\), not a regular file \(looked at .*pipe\.env\)/);
    expect(found[2]).toMatch(/^envctl\.yaml:5:34: env_file "huge\.env" is larger than 1 MiB, the most envctl reads from one file/);
  });

  test('ssh authorized_keys naming a FIFO or /dev/zero: "cannot read", and a pasted private key is not quoted back', () => {
    const pipe = fifo(join(fresh(), 'key.pub'));
    const secret = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----';
    const { problems } = normalizeSsh({ authorized_keys: [pipe, '/dev/zero', secret] }, { specDir: dir, homeDir: dir, defaultHostIp: '0.0.0.0' });
    expect(problems.map((p) => p.message)).toEqual([
      `ssh: cannot read the public key file "${pipe}" (looked at ${pipe})`,
      'ssh: cannot read the public key file "/dev/zero" (looked at /dev/zero)',
      'ssh: this entry is neither a public key line nor a readable .pub file',
    ]);
  });

  test('a folder named as env_file', async () => {
    const folder = fresh();
    mkdirSync(join(folder, 'envs'));
    writeFileSync(join(folder, 'envctl.yaml'), 'version: 1\nenvironments:\n  a: { image: busybox, env_file: envs }\n');
    const error = await loadError(join(folder, 'envctl.yaml'));
    expect(error.issues.map((i) => i.message)).toEqual([`env_file "envs" is a folder, not a regular file (looked at ${join(folder, 'envs')})`]);
  });
});

describe('files named on an import line', () => {
  test('docker run --env-file /dev/zero or a FIFO: a usage error naming the file', () => {
    const pipe = fifo(join(fresh(), 'run.env'));
    for (const [file, reason] of [
      ['/dev/zero', 'is a character device, not a regular file'],
      [pipe, 'is a FIFO (named pipe), not a regular file'],
    ]) {
      const run = parseDockerRun(['--env-file', file!, 'busybox']);
      expect(() => mapRunToEnvironment(run, { cwd: dir })).toThrow(`--env-file ${file}: ${file} ${reason}`);
    }
  });
});
