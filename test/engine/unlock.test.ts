// The project lock against its holders: `envctl unlock` refuses a live one (a real envctl apply waiting at its
// confirmation prompt, in a terminal) and one on another machine, removes a dead one, and --force overrides; Ctrl-C at
// that prompt changes nothing and exits 130; a no-op apply clears a dead holder's lock with no extra engine call but the
// removal itself.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { engineSocketPath, startCountingProxy, type CountingProxy } from './support/counting-proxy.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker, dockerMaybe } from './support/run-cli.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';
import { waitForOutput } from '../support/wait-for.js';

const BIN = resolve(import.meta.dirname, '../../bin/envctl.js');
const CMD = JSON.stringify(IDLE_COMMAND);
const LOCK_CREATE = /^POST (?:\/v[\d.]+)?\/containers\/create\?name=envctl-lock-/;

function spec(project: string, shm: string): string {
  const envs = ['a', 'b', 'c'].map((n) => `  ${n}:\n    image: ${TEST_IMAGE}\n    command: ${CMD}\n`).join('');
  return `version: 1\nproject: ${project}\ndefaults:\n  network_mode: none\n  shm_size: ${shm}\nenvironments:\n${envs}`;
}

/** `envctl apply` (asking, as in a terminal) in a pseudo-terminal, so it really waits at its y/N prompt. */
function applyInTerminal(file: string): { child: ResultPromise; prompted: Promise<void> } {
  // CI=true turns the prompt off (no terminal to ask on in CI); this run has one, given by script(1).
  const child = execa('script', ['-qfec', `node ${BIN} -f ${file} apply`, '/dev/null'], { env: { CI: 'false', NO_COLOR: '1' }, reject: false, stdin: 'pipe' });
  return { child, prompted: waitForOutput(child, 'stdout', 'Continue? [y/N]') };
}

async function lockLabels(project: string): Promise<Record<string, string> | null> {
  const r = await dockerMaybe('inspect', '--format', '{{json .Config.Labels}}', `envctl-lock-${project}`);
  return r.ok ? (JSON.parse(r.out) as Record<string, string>) : null;
}

async function runningIds(project: string): Promise<string[]> {
  return (await docker('ps', '-q', '--no-trunc', '--filter', `label=dev.envctl.project=${project}`)).split('\n').filter(Boolean).sort();
}

describe('the project lock and its holders', () => {
  const project = uniqueProject('unlock');
  const dir = new SpecDir();
  let proxy: CountingProxy;

  beforeAll(async () => {
    await requireEngine();
    proxy = await startCountingProxy(engineSocketPath());
    dir.write(spec(project, '64m'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
  });
  afterAll(async () => {
    await proxy?.close();
    await dockerMaybe('rm', '-f', `envctl-lock-${project}`);
    await cleanupProject(project);
    dir.dispose();
  });

  it('an apply waiting at its prompt holds the lock: unlock refuses (who, pid, still running), Ctrl-C there changes nothing and exits 130', async () => {
    const before = await runningIds(project);
    dir.write(spec(project, '96m'));
    const waiting = applyInTerminal(dir.file);
    await waiting.prompted;

    const holder = await lockLabels(project);
    const pid = Number(holder?.['dev.envctl.lock.pid']);
    // The holder is the real envctl process that waits at the prompt.
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('envctl.js');

    const refused = await dir.run('unlock');
    expect(refused.exitCode, refused.stderr).toBe(12);
    expect(refused.stderr).toMatch(
      new RegExp(`the lock of project "${project}" is held by \\S+@${hostname()} \\(pid ${pid}, envctl apply\\) since \\S+, held for \\d+s, and that process is still running; it was not removed`),
    );
    expect(refused.stderr).toContain('`envctl unlock --force` removes the lock anyway');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const json = await dir.run('unlock', '--json');
    expect(json.exitCode).toBe(12);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'lock-held' } });
    // Another apply does not take over a live holder's lock either.
    const second = await dir.run('apply', '--yes', '--lock-timeout', '0');
    expect(second.exitCode).toBe(8);
    expect(second.stderr).toContain('that apply is still running on this machine');
    expect(await lockLabels(project)).not.toBeNull();

    // Ctrl-C typed at the prompt.
    waiting.child.stdin!.write('\x03');
    const r = await waiting.child;
    const output = String(r.stdout);
    expect(r.exitCode, output).toBe(130);
    expect(output).toContain('envctl: apply interrupted (Ctrl-C); nothing was changed');
    expect(output).not.toMatch(/\n\s+at /);
    expect(await lockLabels(project)).toBeNull();
    expect(await runningIds(project)).toEqual(before);
  }, 60_000);

  it('unlock --force removes a live holder’s lock (saying so); that apply then goes on only if told to', async () => {
    dir.write(spec(project, '96m'));
    const waiting = applyInTerminal(dir.file);
    await waiting.prompted;
    const forced = await dir.run('unlock', '--force');
    expect(forced.exitCode, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(new RegExp(`Removed the lock of project "${project}", held by .+ \\(--force\\)\\.`));
    expect(await lockLabels(project)).toBeNull();
    waiting.child.stdin!.write('n\n');
    expect((await waiting.child).exitCode).toBe(6);
    dir.write(spec(project, '64m'));
  }, 60_000);

  it('a lock left by an apply killed with SIGKILL: unlock removes it, since its holder is gone', async () => {
    await leaveDeadLock();
    const r = await dir.run('unlock');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Removed the lock of project ".+", held by .+ \(that process is gone\)\./);
    expect(await lockLabels(project)).toBeNull();
  }, 60_000);

  it('a lock whose pid now belongs to another process (pid reuse) counts as dead', async () => {
    // This test's own pid is alive, but it did not start at the recorded time: not the process that took the lock.
    await docker('create', '--name', `envctl-lock-${project}`, ...lockLabelArgs(project, { host: hostname(), pid: String(process.pid), start: '1' }), 'envctl/lock:1', 'envctl-lock');
    const r = await dir.run('unlock');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('(that process is gone)');
  });

  it('a lock from another machine: unlock refuses (who, for how long) and names --force; --force removes it', async () => {
    const since = new Date(Date.now() - 5 * 60_000 - 7_000).toISOString();
    await docker('create', '--name', `envctl-lock-${project}`, ...lockLabelArgs(project, { host: 'gpu-other', pid: '4242', since }), 'envctl/lock:1', 'envctl-lock');
    const refused = await dir.run('unlock');
    expect(refused.exitCode).toBe(12);
    expect(refused.stderr).toMatch(
      new RegExp(
        `is held by alice@gpu-other \\(pid 4242, envctl apply\\) since ${since.replace(/\./g, '\\.')}, held for 5m \\d+s, from another machine, where envctl cannot check whether that apply still runs; it was not removed`,
      ),
    );
    expect(refused.stderr).toContain('if that apply is gone for good (its machine crashed or lost the engine), run `envctl unlock --force`');
    const forced = await dir.run('unlock', '--force');
    expect(forced.exitCode).toBe(0);
    expect(await lockLabels(project)).toBeNull();
  });

  it('a no-op apply clears a dead holder’s lock: 1 list call + N inspects + the removal, and the next no-op makes no extra call', async () => {
    await leaveDeadLock();
    const count = async (): Promise<{ requests: string[]; stderr: string; exitCode: number }> => {
      const before = proxy.count();
      const r = await execa('node', [BIN, '-f', dir.file, 'apply', '--yes'], { env: { DOCKER_HOST: proxy.host, NO_COLOR: '1' }, reject: false, stdin: 'ignore' });
      return { requests: proxy.requests().slice(before), stderr: String(r.stderr), exitCode: r.exitCode ?? -1 };
    };
    const first = await count();
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/removed a stale lock left by .+ \(that process is gone\)/);
    const kinds = (requests: string[]) => requests.map((q) => q.replace(/[0-9a-f]{64}/, 'ID').replace(/\?.*$/, '')).sort();
    expect(kinds(first.requests)).toEqual(['DELETE /containers/ID', 'GET /containers/ID/json', 'GET /containers/ID/json', 'GET /containers/ID/json', 'GET /containers/json']);
    expect(await lockLabels(project)).toBeNull();
    const second = await count();
    expect(kinds(second.requests)).toEqual(['GET /containers/ID/json', 'GET /containers/ID/json', 'GET /containers/ID/json', 'GET /containers/json']);
  }, 60_000);

  /** An apply with work, killed with SIGKILL right as its lock is created: the lock stays, its holder is gone. */
  async function leaveDeadLock(): Promise<void> {
    dir.write(spec(project, '128m'));
    const hold = proxy.hold((request) => LOCK_CREATE.test(request));
    const child = execa('node', [BIN, '-f', dir.file, 'apply', '--yes'], { env: { DOCKER_HOST: proxy.host, NO_COLOR: '1' }, reject: false, stdin: 'ignore' });
    await hold.started;
    child.kill('SIGKILL');
    await child;
    hold.release();
    expect(Number((await lockLabels(project))?.['dev.envctl.lock.pid'])).toBe(child.pid);
    // Back to the spec the engine runs: the next apply has nothing to do.
    dir.write(spec(project, '64m'));
  }
});

/** The labels of a lock as envctl writes them, for a holder this test describes. */
function lockLabelArgs(project: string, o: { host: string; pid: string; start?: string; since?: string }): string[] {
  const labels: Record<string, string> = {
    'dev.envctl.role': 'lock',
    'dev.envctl.project': project,
    'dev.envctl.lock.project': project,
    'dev.envctl.lock.user': 'alice',
    'dev.envctl.lock.host': o.host,
    'dev.envctl.lock.pid': o.pid,
    'dev.envctl.lock.since': o.since ?? new Date().toISOString(),
    'dev.envctl.lock.command': 'apply',
    ...(o.start === undefined ? {} : { 'dev.envctl.lock.pid-start': o.start }),
  };
  return Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
}
