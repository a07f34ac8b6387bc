// `envctl apply --yes | head -1`: the reader of envctl's output goes away mid-apply. That is a stop asked for by the
// person (as SIGPIPE is for other tools), so apply stops like after Ctrl-C: exit 141, no stack trace, no lock and no
// temporary container left, and the next apply converges.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, dockerMaybe, docker } from './support/run-cli.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const BIN = resolve(import.meta.dirname, '../../bin/envctl.js');

/** Runs envctl with its stdout on a pipe that is closed as soon as the first bytes arrive, as `| head -c1` does. */
function runWithOutputClosed(dir: string, args: string[]): Promise<{ exitCode: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn('node', [BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.on('error', fail);
    child.on('close', (exitCode) => done({ exitCode, stderr }));
  });
}

describe('apply whose output is closed mid-way (| head)', () => {
  const project = uniqueProject('epipe');
  const dir = new SpecDir();
  const names = Array.from({ length: 8 }, (_, i) => `e${i + 1}`);

  beforeAll(async () => {
    await requireEngine();
    const envs = names.map((n) => `  ${n}:\n    image: ${TEST_IMAGE}\n    command: ${JSON.stringify(IDLE_COMMAND)}\n`).join('');
    dir.write(`version: 1\nproject: ${project}\ndefaults:\n  network_mode: none\nenvironments:\n${envs}`);
  });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('stops cleanly with exit 141 and one sentence; no lock is left; the next apply converges', async () => {
    const r = await runWithOutputClosed(dir.dir, ['-f', dir.file, 'apply', '--yes']);
    expect(r.exitCode, r.stderr).toBe(141);
    expect(r.stderr).toContain('apply stopped (its output was closed)');
    expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect((await dockerMaybe('inspect', `envctl-lock-${project}`)).ok, 'the lock is released').toBe(false);
    const left = await docker('ps', '-a', '--filter', `label=dev.envctl.project=${project}`, '--format', '{{.Names}}');
    expect(left.split('\n').filter((n) => /-envctl-[0-9a-f]{6}$/.test(n))).toEqual([]);

    const again = await dir.run('apply', '--yes');
    expect(again.exitCode, again.stderr).toBe(0);
    const plan = await dir.run('plan');
    expect(plan.exitCode, plan.stdout).toBe(0);
  });
});
