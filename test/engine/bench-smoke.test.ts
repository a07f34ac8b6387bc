// The benchmark must not rot: `npm run bench`'s script runs end to end with one environment and one run of each
// scenario, docker-compose included (and Ansible when bench/setup.sh could install it), and cleans up after itself.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireEngine } from './support/require-engine.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

describe('the benchmark (npm run bench)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envctl-bench-smoke-'));
  const out = join(dir, 'RESULTS.md');

  beforeAll(async () => {
    await requireEngine();
    // What the bench compares with is installed by the project's own script (apt-get, as root), never by hand.
    await run('bash', [join(ROOT, 'bench', 'setup.sh')]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs with N=1 against docker-compose, writes RESULTS.md, and leaves nothing behind', async () => {
    const { stdout, stderr } = await run('node', [join(ROOT, 'bench', 'run-bench.mjs'), '--quick', '--out', out], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).toMatch(/no-op re-apply\s+\d+ ms\s+\d+ ms\s+\d+\.\d\d×/);
    const report = readFileSync(out, 'utf8');
    expect(report).toContain('## Machine');
    expect(report).toMatch(/\| 1 \| create from nothing \| \d+ ms \| [\d.]+ m?s \|/);
    // The engine floor (the same creates straight on the API) is timed beside the tools, in the create step only.
    expect(report).toMatch(/\| 1 \| create from nothing \|.*\| [\d.]+ m?s \| \d+\/\d+\/\d+ \|$/m);
    expect(report).toMatch(/\| 1 \| no-op re-apply \|.*\| – \| \d+\/\d+\/\d+ \|$/m);
    // The envctl no-op, counted on the wire: one list call and one inspect.
    expect(report).toMatch(/\| no-op, 1 envs: 1 list \+ 1 inspects \| 2 \(1 container.list, 1 container.inspect\) \| pass \|/);
    expect(report).toMatch(/\| compose \| 1 \| \d+ \(/);
    // The stop-bound scenario (PID 1 ignores SIGTERM), both tools, recreate and destroy.
    expect(report).toMatch(/\| 2 \| recreate all, PID 1 ignores SIGTERM \| [\d.]+ m?s \| [\d.]+ m?s \| [\d.]+× \|/);
    expect(report).toMatch(/\| 2 \| destroy \/ down, PID 1 ignores SIGTERM \| [\d.]+ m?s \| [\d.]+ m?s \| [\d.]+× \|/);
    const runId = /bench: run (\S+):/.exec(stderr)?.[1];
    expect(runId, stderr).toBeDefined();
    // Everything the run made carried its label or its name; none of it may be left.
    const { stdout: containers } = await run('docker', ['ps', '-aq', '--filter', `label=envctl-bench.run=${runId}`]);
    expect(containers.trim()).toBe('');
    const { stdout: volumes } = await run('docker', ['volume', 'ls', '-q', '--filter', `name=${runId}`]);
    expect(volumes.trim()).toBe('');
    const { stdout: networks } = await run('docker', ['network', 'ls', '-q', '--filter', `name=${runId}`]);
    expect(networks.trim()).toBe('');
  }, 120_000);
});
