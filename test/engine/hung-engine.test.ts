// A real dockerd frozen with kill -STOP in the middle of an apply (its socket still accepts, nothing answers): the
// apply ends within its engine timeout with one sentence, after trying to release its lock; every other command
// ends the same way while the engine is frozen; once it goes on (kill -CONT) the next apply converges.
// With `hosts:`, an engine that never answers is named and the other engines still converge.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { startCountingProxy, type CountingProxy } from './support/counting-proxy.js';
import { startPrivateEngine, type PrivateEngine } from './support/private-engine.js';
import { requireEngine } from './support/require-engine.js';
import { docker, envctl, SpecDir, type CliResult } from './support/run-cli.js';
import { startSickEngine, type SickEngine } from './support/sick-engine.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const T = 3;
/** Start-up and a loaded 2-core machine: a command may take this much more than its engine waits. */
const SLACK_MS = 4000;

const escape = (text: string): string => text.replace(/[/.]/g, '\\$&');

function expectNoStack(r: CliResult): void {
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^\s+at .+:\d+/m);
}

/** The error line of a failed command: one sentence naming the engine, then at most its hint. */
function expectOneSentence(r: CliResult, engineHost: string): void {
  const lines = r.stderr.trim().split('\n');
  expect(lines[0], r.stderr).toMatch(new RegExp(`^envctl: error: .*the Docker Engine at ${escape(engineHost)} did not answer`));
  expect(lines.slice(1).every((l) => l.startsWith('  hint: ')), r.stderr).toBe(true);
  expect(lines.length).toBeLessThanOrEqual(2);
  expectNoStack(r);
}

describe('a Docker Engine frozen (kill -STOP) during an apply', () => {
  const project = uniqueProject('frozen');
  const dir = new SpecDir();
  let engine: PrivateEngine;
  let proxy: CountingProxy;
  const names = ['a', 'b', 'c', 'd', 'e', 'f'];
  const run = (...args: string[]): Promise<CliResult> =>
    envctl(['-f', dir.file, '--engine-timeout', `${T}s`, ...args], { cwd: dir.dir, env: { DOCKER_HOST: proxy.host } });
  const states = async (): Promise<string> =>
    String(
      (await execa('docker', ['ps', '-a', '--filter', `label=dev.envctl.project=${project}`, '--format', '{{.Names}} {{.State}}'], { env: engine.env }))
        .stdout,
    )
      .split('\n')
      .filter(Boolean)
      .sort()
      .join('\n');

  beforeAll(async () => {
    engine = await startPrivateEngine();
    proxy = await startCountingProxy(engine.host.slice('unix://'.length));
    // The private engine has no bridge network.
    dir.write(
      [`version: 1`, `project: ${project}`, 'environments:', ...names.map((n) => `  ${n}: { image: ${TEST_IMAGE}, network_mode: none }`), ''].join('\n'),
    );
  }, 120_000);
  afterAll(async () => {
    engine?.thaw();
    await proxy?.close();
    await engine?.dispose();
    dir.dispose();
  });

  it('apply ends within the timeout (plus one bounded try to release its lock) with the engine named, exit 1', async () => {
    // Frozen right before the third container create reaches it: two environments may be made, the rest hang.
    let creates = 0;
    let frozenAt = 0;
    proxy.onRequest((line) => {
      if (line.startsWith('POST /containers/create?') && line.includes(`name=${project}-`) && ++creates === 3) {
        engine.freeze();
        frozenAt = Date.now();
      }
    });
    const r = await run('apply', '--yes');
    const after = Date.now() - frozenAt;
    proxy.onRequest(() => undefined);
    expect(frozenAt, 'the engine was frozen during the apply').toBeGreaterThan(0);
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(1);
    // The calls in flight wait T, later ones are not sent; the lock release is tried once more (T).
    expect(after).toBeLessThan(2 * T * 1000 + SLACK_MS);
    // What was done and what failed, each failure with the same sentence naming the engine; the hint said once.
    expect(r.stdout).toMatch(/Apply incomplete: \d+ done, \d+ failed/);
    const failures = r.stdout.split('\n').filter((l) => l.startsWith('  ✗ '));
    expect(failures.length).toBeGreaterThan(0);
    const named = `the Docker Engine at ${escape(proxy.host)}`;
    for (const line of failures) expect(line).toMatch(new RegExp(`(: ${named} did not answer|not sent: ${named} did not answer an earlier request) within ${T}s`));
    expect(r.stdout.split('\n').filter((l) => l.includes('hint: the engine may be hung')).length).toBe(1);
    expectNoStack(r);
    // The lock release was tried after the failure (a DELETE of the lock container).
    expect(proxy.requests().filter((l) => /^DELETE \/containers\/[0-9a-f]{64}\?force=true$/.test(l)).length).toBeGreaterThan(0);
  });

  it.each([['plan'], ['status'], ['gpus'], ['snapshots'], ['unlock'], ['destroy', '--yes'], ['apply', '--yes']])(
    'while it is frozen, envctl %s ends within the timeout with one sentence, exit 1',
    async (...args) => {
      const started = Date.now();
      const r = await run(...args);
      expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(1);
      expectOneSentence(r, proxy.host);
      expect(Date.now() - started).toBeLessThan(T * 1000 + SLACK_MS);
    },
  );

  it('after kill -CONT the next apply converges and a plan after it changes nothing', async () => {
    engine.thaw();
    const r = await run('apply', '--yes');
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(await states()).toBe(names.map((n) => `${project}-${n} running`).join('\n'));
    expect((await run('plan')).exitCode).toBe(0);
    expect((await run('destroy', '--yes')).exitCode).toBe(0);
  });
});

describe('several engines, one of which never answers', () => {
  const project = uniqueProject('stuckhost');
  const dir = new SpecDir();
  let stuck: SickEngine;
  beforeAll(async () => {
    await requireEngine();
    stuck = await startSickEngine('silent');
    dir.write(
      [
        'version: 1',
        `project: ${project}`,
        'hosts:',
        `  stuck: { docker_host: "${stuck.host}" }`,
        'environments:',
        `  here: { image: ${TEST_IMAGE} }`,
        `  there: { image: ${TEST_IMAGE}, host: stuck }`,
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await cleanupProject(project);
    await stuck?.close();
    dir.dispose();
  });

  it('apply converges the engine that answers, names the one that does not, exit 1, bounded by its timeout', async () => {
    const started = Date.now();
    const r = await envctl(['-f', dir.file, '--engine-timeout', `${T}s`, 'apply', '--yes'], { cwd: dir.dir });
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(Date.now() - started).toBeLessThan(T * 1000 + SLACK_MS + 3000);
    expect(r.stderr).toContain(`engine stuck (${stuck.host}): list containers: the Docker Engine at ${stuck.host} did not answer within ${T}s`);
    expectNoStack(r);
    expect(await docker('inspect', '--format', '{{.State.Status}}', `${project}-here`)).toBe('running');
  });
});
