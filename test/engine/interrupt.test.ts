// Ctrl-C and SIGTERM during apply and destroy, sent to the real CLI at exact points (while a chosen engine call is in
// flight): exit 130/143, every action named as done, rolled back or not started, no lock and no temporary container
// left, and the next apply converges. A second Ctrl-C ends envctl at once; the next apply still converges.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { engineSocketPath, startCountingProxy, type CountingProxy } from './support/counting-proxy.js';
import { interruptAt, nth, type InterruptResult } from './support/interrupt-envctl.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, dockerMaybe } from './support/run-cli.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';
import { waitFor } from '../support/wait-for.js';

const CMD = JSON.stringify(IDLE_COMMAND);
const NAMES = Array.from({ length: 12 }, (_, i) => `e${String(i + 1).padStart(2, '0')}`);

function spec(project: string, shm: string): string {
  const envs = NAMES.map((n) => `  ${n}:\n    image: ${TEST_IMAGE}\n    command: ${CMD}\n`).join('');
  return `version: 1\nproject: ${project}\ndefaults:\n  network_mode: none\n  shm_size: ${shm}\nenvironments:\n${envs}`;
}

async function containers(project: string): Promise<string[]> {
  const r = await execa('docker', ['ps', '-a', '--filter', `label=dev.envctl.project=${project}`, '--format', '{{.Names}} {{.State}}']);
  return String(r.stdout).split('\n').filter(Boolean).sort();
}

// dockerode sends no API version in the path; a versioned path matches too.
const api = (method: string, path: string): RegExp => new RegExp(`^${method} (?:/v[\\d.]+)?/containers/${path}`);
// The create options travel in the query too, the name anywhere among them.
const CREATE = api('POST', 'create\\?(?:\\S*&)?name=(?!envctl-lock-)');
const TEMP_CREATE = api('POST', 'create\\?(?:\\S*&)?name=[^&\\s]*-envctl-[0-9a-f]{6}(?:&|$)');
const START = api('POST', '[0-9a-f]{64}/start');
const STOP = api('POST', '[0-9a-f]{64}/stop');
const RENAME = api('POST', '[0-9a-f]{64}/rename');
const REMOVE = api('DELETE', '[0-9a-f]{64}\\?v=false');
const LOCK_CREATE = api('POST', 'create\\?name=envctl-lock-');

/** The summary's action lines ("  ✓ recreate env:e01", "  - create env:e09: not started (interrupted)"), by mark. */
function summary(stdout: string): Record<string, string[]> {
  const byMark: Record<string, string[]> = {};
  for (const m of stdout.matchAll(/^ {2}([✓↺✗-]) \w+ (env:\S+?)(?::|$)/gm)) (byMark[m[1]!] ??= []).push(m[2]!);
  return byMark;
}

/** The closing sentence of the last interrupted run, for the figures printed at the end. */
let lastSaid = '';

/** What every interrupted run must show, wherever it was stopped. */
async function expectCleanStop(r: InterruptResult, project: string, verb: 'apply' | 'destroy', signal: 'SIGINT' | 'SIGTERM'): Promise<void> {
  const said = `${verb} ${signal === 'SIGINT' ? 'interrupted (Ctrl-C)' : 'stopped (SIGTERM)'}`;
  const why = `${r.request}\n${r.stdout}\n${r.stderr}`;
  lastSaid = /^envctl: (?!.*no new step starts)(.*)$/m.exec(r.stderr)?.[1] ?? '';
  expect(r.exitCode, why).toBe(signal === 'SIGINT' ? 130 : 143);
  expect(r.stderr, why).toContain(`envctl: ${said}`);
  expect(r.stderr, why).not.toMatch(/\n\s+at /); // no stack trace
  expect((await dockerMaybe('inspect', `envctl-lock-${project}`)).ok, `lock left after ${why}`).toBe(false);
  expect((await containers(project)).filter((c) => /-envctl-[0-9a-f]{6} /.test(c)), `temporaries after ${why}`).toEqual([]);
  if (r.stdout.includes(`${verb === 'apply' ? 'Apply' : 'Destroy'} ${said.slice(verb.length + 1)}:`)) {
    // Interrupted while the plan ran: every action of the plan is named once, as done, rolled back or not started.
    const marks = summary(r.stdout);
    expect(Object.values(marks).flat().sort(), why).toEqual(NAMES.map((n) => `env:${n}`));
    expect(marks['✗'], why).toBeUndefined();
    const m = new RegExp(`${said.slice(verb.length + 1).replace(/[()]/g, '\\$&')}: (\\d+) done, (\\d+) rolled back, (\\d+) not started\\.`).exec(r.stdout);
    expect(m, why).not.toBeNull();
    expect([m![1], m![2], m![3]].map(Number), why).toEqual([marks['✓']?.length ?? 0, marks['↺']?.length ?? 0, marks['-']?.length ?? 0]);
    expect(r.stderr, why).toMatch(new RegExp(`${said.replace(/[()]/g, '\\$&')}; \\d+ done, \\d+ rolled back, \\d+ not started\\n  hint: run \`envctl ${verb}\` again to finish`));
  } else {
    // Stopped before the plan ran.
    expect(r.stderr, why).toContain(`envctl: ${said}; nothing was changed`);
  }
}

describe('Ctrl-C and SIGTERM during apply and destroy (12 environments)', () => {
  const project = uniqueProject('intr');
  const dir = new SpecDir();
  let proxy: CountingProxy;
  const points: { what: string; said: string; converged: boolean }[] = [];

  beforeAll(async () => {
    await requireEngine();
    proxy = await startCountingProxy(engineSocketPath());
  });
  afterAll(async () => {
    await proxy?.close();
    await cleanupProject(project);
    await dockerMaybe('rm', '-f', `envctl-lock-${project}`);
    dir.dispose();
    // The figures for the report: every point, what the interrupted run said, and whether the next apply converged.
    // eslint-disable-next-line no-console
    console.log(
      [`interrupt points: ${points.length}, converged after: ${points.filter((p) => p.converged).length}`, ...points.map((p) => `  ${p.what}: ${p.said}`)].join('\n'),
    );
  });

  /** The next apply converges: exit 0, then plan exits 0 and every environment runs once. */
  async function expectConverges(what: string): Promise<void> {
    const again = await dir.run('apply', '--yes');
    expect(again.exitCode, `apply after ${what}: ${again.stdout}\n${again.stderr}`).toBe(0);
    expect((await dir.run('plan')).exitCode, `plan after ${what}`).toBe(0);
    expect(await containers(project)).toEqual(NAMES.map((n) => `${project}-${n} running`));
    points.push({ what, said: lastSaid, converged: true });
  }

  const apply = () => ['-f', dir.file, 'apply', '--yes'];

  it('creates from nothing, interrupted at 4 points (the lock, the 1st create, the 4th start, the 9th create)', async () => {
    dir.write(spec(project, '64m'));
    const at: [string, (r: string) => boolean][] = [
      ['taking the lock', nth(LOCK_CREATE, 1)],
      ['the 1st create', nth(CREATE, 1)],
      ['the 4th start', nth(START, 4)],
      ['the 9th create', nth(CREATE, 9)],
    ];
    for (const [what, match] of at) {
      const r = await interruptAt(proxy, apply(), match);
      expect(r.request, `${what}: the point was reached`).not.toBeNull();
      await expectCleanStop(r, project, 'apply', 'SIGINT');
      await expectConverges(`Ctrl-C at ${what} of the creates`);
      const destroy = await dir.run('destroy', '--yes');
      expect(destroy.exitCode, destroy.stderr).toBe(0);
    }
  }, 120_000);

  it('a 12-environment recreate, interrupted at 5 points (SIGTERM at one), leaves no temporary container', async () => {
    dir.write(spec(project, '64m'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    const at: [string, (r: string) => boolean, 'SIGINT' | 'SIGTERM'][] = [
      ['the 1st temporary create', nth(TEMP_CREATE, 1), 'SIGINT'],
      ['the 3rd stop', nth(STOP, 3), 'SIGINT'],
      ['the 5th rename', nth(RENAME, 5), 'SIGINT'],
      ['the 2nd removal', nth(REMOVE, 2), 'SIGINT'],
      ['the 9th temporary create', nth(TEMP_CREATE, 9), 'SIGTERM'],
    ];
    let shm = 64;
    for (const [what, match, signal] of at) {
      shm += 8;
      dir.write(spec(project, `${shm}m`));
      const r = await interruptAt(proxy, apply(), match, { signal });
      expect(r.request, `${what}: the point was reached`).not.toBeNull();
      await expectCleanStop(r, project, 'apply', signal);
      await expectConverges(`${signal} at ${what} of a recreate`);
    }
  }, 150_000);

  it('the 1st temporary create in flight: that recreate is rolled back (its new container removed, the old one kept)', async () => {
    dir.write(spec(project, '64m'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    const before = await execa('docker', ['ps', '-q', '--no-trunc', '--filter', `label=dev.envctl.project=${project}`]);
    dir.write(spec(project, '160m'));
    const r = await interruptAt(proxy, apply(), nth(TEMP_CREATE, 1));
    await expectCleanStop(r, project, 'apply', 'SIGINT');
    // The held create was for a temporary name: that recreate undid itself, and says so.
    expect(summary(r.stdout)['↺']?.length ?? 0, r.stdout).toBeGreaterThan(0);
    expect(r.stdout).toMatch(/↺ recreate env:e\d\d: rolled back: the new container \S+-envctl-[0-9a-f]{6} was removed; the old container \S+ is untouched/);
    // What was rolled back or not started still runs its old container.
    const after = String((await execa('docker', ['ps', '-q', '--no-trunc', '--filter', `label=dev.envctl.project=${project}`])).stdout).split('\n');
    const kept = String(before.stdout).split('\n').filter((id) => after.includes(id));
    expect(kept.length).toBe((summary(r.stdout)['↺']?.length ?? 0) + (summary(r.stdout)['-']?.length ?? 0));
    await expectConverges('Ctrl-C at the 1st temporary create (rollback)');
  }, 60_000);

  it('a second Ctrl-C ends envctl at once (the call in flight still unanswered); the next apply converges', async () => {
    dir.write(spec(project, '64m'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    dir.write(spec(project, '200m'));
    const r = await interruptAt(proxy, apply(), nth(TEMP_CREATE, 2), { twice: true });
    expect(r.exitCode, r.stderr).toBe(130);
    expect(r.stderr).toContain('envctl: Ctrl-C again: stopped at once');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.exitMs).toBeLessThan(2000);
    lastSaid = `Ctrl-C again: stopped at once, ${r.exitMs.toFixed(0)} ms after the second signal`;
    // Left behind on purpose: the lock (its holder is gone) and maybe temporaries; the next apply takes over and cleans up.
    await expectConverges('a second Ctrl-C');
    expect((await dockerMaybe('inspect', `envctl-lock-${project}`)).ok).toBe(false);
  }, 60_000);

  it('destroy interrupted at its 1st stop: 130, what was removed and what was not; destroy again finishes', async () => {
    dir.write(spec(project, '64m'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    const r = await interruptAt(proxy, ['-f', dir.file, 'destroy', '--yes'], nth(STOP, 1));
    expect(r.request).not.toBeNull();
    await expectCleanStop(r, project, 'destroy', 'SIGINT');
    const left = await containers(project);
    // Not started, or stopped before it touched its container: those are still there.
    expect(left.length).toBe((summary(r.stdout)['-']?.length ?? 0) + (summary(r.stdout)['↺']?.length ?? 0));
    const again = await dir.run('destroy', '--yes');
    expect(again.exitCode, again.stderr).toBe(0);
    expect(await containers(project)).toEqual([]);
    points.push({ what: 'Ctrl-C at the 1st stop of a destroy', said: lastSaid, converged: true });
  }, 60_000);
});

describe('Ctrl-C during save, snapshot, build, and commands that only read', () => {
  const project = uniqueProject('intrx');
  const dir = new SpecDir();
  let proxy: CountingProxy;
  // A unique build step, so its intermediate container can be told from anyone else's; its 6 s are the slow build
  // being interrupted (the test never waits them out).
  const sleep = `sleep 6.${Date.now() % 1000}`;

  beforeAll(async () => {
    await requireEngine();
    proxy = await startCountingProxy(engineSocketPath());
    mkdirSync(join(dir.dir, 'ctx'));
    writeFileSync(join(dir.dir, 'ctx', 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN ${sleep}\n`);
    dir.write(`version: 1\nproject: ${project}\ndefaults:\n  network_mode: none\nenvironments:\n  box:\n    image: ${TEST_IMAGE}\n    command: ${CMD}\n`);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
  });
  afterAll(async () => {
    await proxy?.close();
    await cleanupProject(project);
    await dockerMaybe('rmi', '-f', `${project}-built`, `envctl/${project}-box:interrupted`);
    dir.dispose();
  });

  it('plan and status end at once on Ctrl-C, with one sentence and exit 130', async () => {
    const list = (q: string) => /^GET (?:\/v[\d.]+)?\/containers\/json/.test(q);
    for (const command of ['plan', 'status']) {
      const r = await interruptAt(proxy, ['-f', dir.file, command], list, { atOnce: true });
      expect(r.request, command).not.toBeNull();
      expect(r.exitCode, r.stderr).toBe(130);
      expect(r.stderr.trim()).toBe(`envctl: ${command} interrupted (Ctrl-C)`);
    }
  }, 30_000);

  it('save interrupted mid-transfer: exit 130, and the partial tar is removed', async () => {
    const out = join(dir.dir, 'box.tar');
    const r = await interruptAt(proxy, ['-f', dir.file, 'save', 'box', '-o', out], (q) => /^GET (?:\/v[\d.]+)?\/images\/.+\/get/.test(q), {
      // The signal comes once the tar has bytes on disk: really a partial file.
      beforeSignal: async () => {
        await waitFor(() => existsSync(out) && statSync(out).size > 0, { timeoutMs: 20_000, intervalMs: 20, what: `${out} to have bytes` });
      },
      passBytes: 64 * 1024,
    });
    expect(r.exitCode, r.stderr).toBe(130);
    expect(r.stderr).toContain(`envctl: save interrupted (Ctrl-C); the partial file ${out} was removed`);
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('snapshot interrupted during the commit: the commit finishes (the container is not left paused), exit 130 naming it', async () => {
    const tag = `envctl/${project}-box:interrupted`;
    const r = await interruptAt(proxy, ['-f', dir.file, 'snapshot', 'box', '--tag', tag], (q) => /^POST (?:\/v[\d.]+)?\/commit/.test(q));
    expect(r.exitCode, r.stderr).toBe(130);
    expect(r.stderr).toContain(`envctl: snapshot interrupted (Ctrl-C); the commit in progress was finished: ${tag}`);
    expect((await dockerMaybe('image', 'inspect', tag)).ok).toBe(true);
    expect(await containers(project)).toEqual([`${project}-box running`]);
  }, 60_000);

  it('a build interrupted: the engine stops it, no image is tagged, exit 130 at once; the next apply builds and converges', async () => {
    dir.write(
      `version: 1\nproject: ${project}\ndefaults:\n  network_mode: none\nenvironments:\n  box:\n    image: ${TEST_IMAGE}\n    command: ${CMD}\n` +
        `  built:\n    build: ./ctx\n    command: ${CMD}\n`,
    );
    const r = await interruptAt(proxy, ['-f', dir.file, 'apply', '--yes'], (q) => /^POST (?:\/v[\d.]+)?\/build/.test(q), {
      // The build step runs on the engine (its container exists) when the signal comes.
      beforeSignal: async () => {
        await waitFor(async () => (await buildSteps()).length > 0, { timeoutMs: 20_000, intervalMs: 20, what: 'the build step to run on the engine' });
      },
    });
    expect(r.exitCode, r.stderr).toBe(130);
    expect(r.exitMs, 'stopped at once, not after the 6 s build step').toBeLessThan(3000);
    expect(r.stdout).toMatch(/↺ build image:\S+: the engine stopped the build; no image was tagged/);
    expect(r.stdout).toContain('- create env:built: not started (interrupted)');
    expect((await dockerMaybe('image', 'inspect', `${project}-built`)).ok).toBe(false);
    // The engine removes the build step's container once it sees the build stopped.
    await waitFor(async () => (await buildSteps()).length === 0, { timeoutMs: 20_000, intervalMs: 20, what: "the engine to remove the build step's container" });
    const again = await dir.run('apply', '--yes');
    expect(again.exitCode, again.stderr).toBe(0);
    expect((await dir.run('plan')).exitCode).toBe(0);
  }, 90_000);

  async function buildSteps(): Promise<string[]> {
    const r = await execa('docker', ['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Command}}']);
    return String(r.stdout).split('\n').filter((line) => line.includes(sleep));
  }
});

