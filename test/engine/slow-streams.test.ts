// Long engine work that keeps moving is not cut off by the engine timeout: a pull over a slow link, a build whose RUN
// prints slowly or says nothing for longer than the timeout, a stop that takes its whole grace period. A pull that
// stops moving is: one sentence, exit 1, within the timeout.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { docker, dockerMaybe, SpecDir } from './support/run-cli.js';
import { startSlowProxy, type SlowProxy } from './support/slow-proxy.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const ROOT = resolve(import.meta.dirname, '../..');
const T = 2;
const CLASSIC = { env: { DOCKER_BUILDKIT: '0' } };

/** Apply with the short timeout: it succeeds although it takes longer than twice the timeout. */
async function applyOutlastingTheTimeout(dir: SpecDir): Promise<void> {
  const started = Date.now();
  const r = await dir.run('--engine-timeout', `${T}s`, 'apply', '--yes');
  expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
  expect(Date.now() - started).toBeGreaterThan(2 * T * 1000);
}

describe('a pull from a registry behind a slow link', () => {
  const project = uniqueProject('slowpull');
  const dir = new SpecDir();
  const repo = `envctl-test/${project}`;
  let slow: SlowProxy;
  let stalled: SlowProxy;
  const spec = (registry: string): string =>
    `version: 1\nproject: ${project}\nenvironments:\n  app:\n    image: ${registry}/${repo}:1\n    command: ${JSON.stringify(IDLE_COMMAND)}\n`;

  beforeAll(async () => {
    await requireEngine();
    await execa('bash', [join(ROOT, 'scripts', 'registry-up.sh')]);
    // A layer the engine does not have (random bytes do not compress): 1.5 MiB to download.
    mkdirSync(join(dir.dir, 'img'));
    writeFileSync(join(dir.dir, 'img', 'blob'), randomBytes(1536 * 1024));
    writeFileSync(join(dir.dir, 'img', 'Dockerfile'), `FROM ${TEST_IMAGE}\nCOPY blob /blob\n`);
    const pushed = `127.0.0.1:5000/${repo}:1`;
    await execa('docker', ['build', '-q', '-t', pushed, join(dir.dir, 'img')], CLASSIC);
    await docker('push', pushed);
    await docker('rmi', pushed);
    // 48 KiB every 150 ms (~320 KiB/s): the download takes ~5 s, more than twice the timeout, and never pauses long.
    slow = await startSlowProxy(5000, { bytesPerTick: 48 * 1024, tickMs: 150 });
    stalled = await startSlowProxy(5000, { bytesPerTick: 48 * 1024, tickMs: 150, stallAfter: 256 * 1024 });
  }, 180_000);
  afterAll(async () => {
    await cleanupProject(project);
    await stalled?.close();
    await slow?.close();
    for (const registry of ['127.0.0.1:5000', slow?.address, stalled?.address]) if (registry) await dockerMaybe('rmi', '-f', `${registry}/${repo}:1`);
    dir.dispose();
  });

  it('that stalls: apply stops within the timeout with one sentence naming the engine and the pull, exit 1', async () => {
    dir.write(spec(stalled.address));
    const started = Date.now();
    const r = await dir.run('--engine-timeout', `${T}s`, 'apply', '--yes');
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(1);
    // Time to reach the stall (~1 s at this pace), the timeout, start-up and a loaded machine.
    expect(Date.now() - started).toBeLessThan(T * 1000 + 8000);
    expect(r.stdout).toMatch(new RegExp(`✗ pull image:${stalled.address.replace(/\./g, '\\.')}/\\S+: pull \\S+: the Docker Engine at \\S+ sent no progress for ${T}s`));
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^\s+at .+:\d+/m);
  });

  it('that keeps moving: the pull takes longer than the timeout and is not cut off', async () => {
    dir.write(spec(slow.address));
    await applyOutlastingTheTimeout(dir);
    expect(await docker('inspect', '--format', '{{.State.Running}}', `${project}-app`)).toBe('true');
  });
});

describe('a build that takes longer than the timeout', () => {
  const project = uniqueProject('slowbuild');
  const dir = new SpecDir();
  const ctx = (file: string, text: string): void => {
    mkdirSync(join(dir.dir, 'ctx'), { recursive: true });
    writeFileSync(join(dir.dir, 'ctx', file), text);
  };
  beforeAll(async () => {
    await requireEngine();
    dir.write(`version: 1\nproject: ${project}\nenvironments:\n  box:\n    build: ./ctx\n    command: ${JSON.stringify(IDLE_COMMAND)}\n`);
  });
  afterAll(async () => {
    await cleanupProject(project);
    const ids = (await docker('images', '-q', '--filter', `label=dev.envctl.project=${project}`)).split('\n').filter(Boolean);
    if (ids.length > 0) await dockerMaybe('rmi', '-f', ...new Set(ids));
    dir.dispose();
  });

  it.each([
    ['prints a line every second', `RUN for i in 1 2 3 4 5; do echo tick $i; sleep 1; done`],
    ['says nothing for longer than the timeout (the engine still answers)', `RUN sleep ${2 * T + 1}`],
  ])('a RUN step that %s is not cut off', async (_what, run) => {
    ctx('Dockerfile', `FROM ${TEST_IMAGE}\n${run}\nRUN echo ${randomBytes(4).toString('hex')} > /built\n`);
    await applyOutlastingTheTimeout(dir);
    expect(await docker('inspect', '--format', '{{.State.Running}}', `${project}-box`)).toBe('true');
  });
});

describe('a stop that takes its whole grace period', () => {
  const project = uniqueProject('slowstop');
  const dir = new SpecDir();
  const spec = (state: string): string =>
    // sleep as PID 1 ignores SIGTERM: the engine waits the grace period, then kills.
    `version: 1\nproject: ${project}\nenvironments:\n  box:\n    image: ${TEST_IMAGE}\n    command: ["sleep", "600"]\n    stop_grace_period: ${2 * T}s\n    state: ${state}\n`;
  beforeAll(() => requireEngine());
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('waits the grace period plus the timeout, not the timeout alone', async () => {
    expect((await dir.write(spec('running')).run('apply', '--yes')).exitCode).toBe(0);
    await applyOutlastingTheTimeout(dir.write(spec('stopped')));
    expect(await docker('inspect', '--format', '{{.State.Status}}', `${project}-box`)).toBe('exited');
  });
});
