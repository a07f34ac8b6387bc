// Files given on the command line that are not regular files are refused at once by the built CLI, naming the file:
// nothing waits on a FIFO, nothing streams /dev/zero to the engine.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../../bin/envctl.js');
const dir = mkdtempSync(join(tmpdir(), 'envctl-input-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const envctl = (...args: string[]) =>
  execa('node', [BIN, ...args], { cwd: dir, reject: false, timeout: 10_000, env: { NO_COLOR: '1', DOCKER_HOST: 'tcp://127.0.0.1:1' } });

describe('a FIFO or a device named on the command line', () => {
  it('envctl load FIFO and load /dev/zero: refused before any engine call, exit 1', async () => {
    execFileSync('mkfifo', [join(dir, 'images.tar')]);
    for (const file of ['images.tar', '/dev/zero']) {
      const r = await envctl('load', file);
      expect(r.timedOut).toBe(false);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(`envctl: error: ${file} is not a regular file`);
      expect(r.stderr).not.toMatch(/cannot reach/);
    }
  });

  it('-f FIFO validate: a located error at once', async () => {
    execFileSync('mkfifo', [join(dir, 'envctl.yaml')]);
    const r = await envctl('validate');
    expect(r.timedOut).toBe(false);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^envctl\.yaml:1:1: the spec is a FIFO \(named pipe\), not a regular file \(envctl reads its inputs from regular files/);
  });
});
