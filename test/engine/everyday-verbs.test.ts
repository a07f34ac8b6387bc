// The everyday verbs on the real engine, through the built CLI (bin/envctl.js): exec runs a command (its exit code
// passed on) and an interactive shell in a pseudo-terminal (script(1)), attach joins a shell and Ctrl-P Ctrl-Q leaves
// it running, logs -f follows a daemon and ends on Ctrl-C, kill -s HUP reaches PID 1 (its trap records it), restart
// keeps the container and the plan empty, top lists PID 1; every error names the environment; with `hosts:` each
// verb works on the environment's engine.
import { resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, waitForOutput } from '../support/wait-for.js';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker, dockerMaybe } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const BIN = resolve(import.meta.dirname, '../../bin/envctl.js');
/** A Debian image with bash (scripts/test-images.sh); the busybox one has sh alone. */
const BASH_IMAGE = 'envctl/debian-nosshd:local';

/** A daemon: says it started, notes every HUP in /tmp/hups, ends at once on TERM. */
const DAEMON = JSON.stringify(['sh', '-c', "trap 'echo got-hup >> /tmp/hups' HUP; trap 'exit 0' TERM INT; echo daemon-started; echo daemon-warning >&2; while :; do sleep 1 & wait $!; done"]);

function spec(project: string, extra = ''): string {
  return [
    'version: 1',
    `project: ${project}`,
    'defaults: { network_mode: none }',
    'environments:',
    `  box: { image: ${TEST_IMAGE}, command: ${DAEMON} }`,
    `  shell: { image: ${TEST_IMAGE}, command: [sh], stdin_open: true, tty: true }`,
    `  idle: { image: ${TEST_IMAGE}, state: stopped }`,
    `  deb: { image: ${BASH_IMAGE}, command: ${DAEMON} }`,
    extra,
    '',
  ].join('\n');
}

/** envctl in a pseudo-terminal of `rows`×`cols` (script(1) gives it one), its input written by the test. */
function inTerminal(file: string, args: string, size = 'rows 45 cols 123') {
  return execa('script', ['-qfec', `stty ${size}; exec node ${BIN} -f ${file} ${args}`, '/dev/null'], {
    env: { NO_COLOR: '1' },
    reject: false,
    stdin: 'pipe',
  });
}

describe('everyday verbs on the environment’s container', () => {
  const project = uniqueProject('verbs');
  const dir = new SpecDir();

  beforeAll(async () => {
    await requireEngine();
    if (!(await dockerMaybe('image', 'inspect', BASH_IMAGE)).ok) throw new Error(`these tests need the local image ${BASH_IMAGE} (run: bash scripts/test-images.sh)`);
    const applied = await dir.write(spec(project)).run('apply', '--yes');
    expect(applied.exitCode, applied.stderr).toBe(0);
  });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('exec runs a command: its output on stdout and stderr, its exit code passed on, stdin connected', async () => {
    const r = await dir.run('exec', 'box', '--', 'sh', '-c', 'echo out-$((40+2)); echo err-line >&2; exit 3');
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('out-42');
    expect(r.stderr).toBe('err-line');

    const as = await dir.run('exec', '-u', '65534', '-w', '/tmp', '-e', 'FOO=bar', 'box', '--', 'sh', '-c', 'id -u; pwd; echo $FOO');
    expect(as.stdout).toBe('65534\n/tmp\nbar');

    // No command: the default shell reads its commands from stdin.
    const piped = await execa('node', [BIN, '-f', dir.file, 'exec', 'box'], { input: 'echo from-stdin-$((2*3)); exit 5\n', reject: false });
    expect(piped.exitCode).toBe(5);
    expect(piped.stdout).toBe('from-stdin-6');
  });

  it('exec without a command runs the image’s bash when it has one, else sh', async () => {
    const shell = (env: string) => execa('node', [BIN, '-f', dir.file, 'exec', env], { input: 'echo "bash=${BASH_VERSION:-none}"\n', reject: false });
    expect((await shell('deb')).stdout).toMatch(/^bash=5\./);
    expect((await shell('box')).stdout).toBe('bash=none');
  });

  it('exec opens an interactive shell in a pseudo-terminal: a TTY of the terminal’s size, exit code passed on', async () => {
    const child = inTerminal(dir.file, 'exec box');
    await waitForOutput(child, 'stdout', '# ');
    child.stdin.write('tty; stty size; exit 7\r');
    const r = await child;
    expect(r.exitCode).toBe(7);
    expect(String(r.stdout)).toMatch(/\/dev\/pts\/\d+/);
    expect(String(r.stdout)).toContain('45 123');
  });

  it('attach joins the environment’s shell; Ctrl-P Ctrl-Q detaches and the shell keeps running', async () => {
    const child = inTerminal(dir.file, 'attach shell');
    // The pseudo-terminal carries stdout and stderr alike.
    await waitForOutput(child, 'stdout', 'attached to shell');
    const answered = waitForOutput(child, 'stdout', 'attached-42');
    child.stdin.write('echo attached-$((6*7))\r');
    await answered;
    child.stdin.write('\x10\x11');
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout) + String(r.stderr)).toContain('detached from shell; it keeps running');
    expect(await docker('inspect', '--format', '{{.State.Status}}', `${project}-shell`)).toBe('running');
  });

  it('attach refuses an environment that keeps no stdin open, naming it and what to do instead', async () => {
    const r = await dir.run('attach', 'box');
    expect(r.exitCode).toBe(14);
    expect(r.stderr).toContain('environment "box" keeps no stdin open');
    expect(r.stderr).toContain('envctl exec box');
  });

  it('logs prints stdout and stderr apart, with --tail and --timestamps', async () => {
    const r = await dir.run('logs', 'box');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('daemon-started');
    expect(r.stderr).toContain('daemon-warning');
    const stamped = await dir.run('logs', 'box', '--timestamps', '--tail', '1', '--since', '1h');
    expect(stamped.exitCode).toBe(0);
    expect(`${stamped.stdout}${stamped.stderr}`.trim().split('\n')).toHaveLength(1);
    expect(`${stamped.stdout}${stamped.stderr}`).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z daemon-/);
  });

  it('logs -f follows the daemon (a line written later arrives) and Ctrl-C ends it at once, exit 0', async () => {
    const child = execa('node', [BIN, '-f', dir.file, 'logs', '-f', 'box'], { reject: false });
    await waitForOutput(child, 'stdout', 'daemon-started');
    // Listening before the line is written: it may arrive before docker exec returns.
    const later = waitForOutput(child, 'stdout', 'later-line');
    await docker('exec', `${project}-box`, 'sh', '-c', 'echo later-line > /proc/1/fd/1');
    await later;
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(String(r.stderr)).not.toContain('error');
  });

  it('kill -s HUP reaches PID 1 (its trap records it); neither it nor restart is drift: the plan stays empty', async () => {
    const before = await docker('inspect', '--format', '{{.Id}} {{.State.StartedAt}}', `${project}-box`);
    const killed = await dir.run('kill', '-s', 'HUP', 'box');
    expect(killed.exitCode, killed.stderr).toBe(0);
    expect(killed.stdout).toContain('sent HUP to box');
    await waitFor(async () => (await execa('docker', ['exec', `${project}-box`, 'cat', '/tmp/hups'], { reject: false })).stdout.includes('got-hup'), {
      timeoutMs: 10_000,
      what: 'the trap in PID 1 to record the HUP',
    });
    expect((await dir.run('plan')).exitCode).toBe(0);

    const restarted = await dir.run('restart', '--time', '1', 'box', 'shell'); // sh as PID 1 ignores TERM: killed after 1 s
    expect(restarted.exitCode, restarted.stderr).toBe(0);
    const after = await docker('inspect', '--format', '{{.Id}} {{.State.StartedAt}}', `${project}-box`);
    expect(after.split(' ')[0]).toBe(before.split(' ')[0]);
    expect(after.split(' ')[1]).not.toBe(before.split(' ')[1]);
    const plan = await dir.run('plan');
    expect(plan.exitCode, plan.stdout).toBe(0);
    expect(plan.stdout).toContain('No changes');
  });

  it('top lists the processes, PID 1 (the daemon) among them; --json has the ok shape', async () => {
    const pid = await docker('inspect', '--format', '{{.State.Pid}}', `${project}-box`);
    const table = await dir.run('top', 'box');
    expect(table.exitCode).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^UID\s+PID\s+PPID/);
    const r = await dir.run('top', 'box', '--json');
    expect(r.exitCode).toBe(0);
    const top = JSON.parse(r.stdout) as { ok: boolean; env: string; container: string; processes: Record<string, string>[] };
    expect(top).toMatchObject({ ok: true, env: 'box', container: `${project}-box` });
    const main = top.processes.find((p) => p.PID === pid);
    expect(main?.CMD).toContain("trap 'echo got-hup");
  });

  it('every error names the environment, with what to do: not in the spec, not created, not running, a bad signal', async () => {
    const missing = await dir.run('exec', 'nope', '--', 'true');
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('there is no environment "nope" in the spec');
    expect(missing.stderr).toContain('envctl apply');

    // The same project with one environment more, never applied.
    const later = new SpecDir().write(spec(project, `  later: { image: ${TEST_IMAGE} }`));
    try {
      for (const args of [['exec', 'later', '--', 'true'], ['logs', 'later'], ['top', 'later'], ['kill', 'later'], ['restart', 'later'], ['cp', 'later:/etc/motd', later.dir]]) {
        const r = await later.run(...args);
        expect(r.exitCode, args.join(' ')).toBe(14);
        expect(r.stderr, args.join(' ')).toContain('environment "later" has no container yet');
        expect(r.stderr, args.join(' ')).toContain('envctl apply');
      }
      // One that fails does not stop the others; --json lists each with ok, the exit code is the failure's.
      const both = await later.run('kill', '--json', '-s', 'HUP', 'box', 'later');
      expect(both.exitCode).toBe(14);
      expect(JSON.parse(both.stdout)).toMatchObject({
        ok: false,
        environments: [
          { env: 'box', ok: true, container: `${project}-box` },
          { env: 'later', ok: false, container: null, error: { code: 'env-not-ready' } },
        ],
      });
    } finally {
      later.dispose();
    }

    for (const args of [['exec', 'idle', '--', 'true'], ['top', 'idle'], ['kill', '-s', 'HUP', 'idle']]) {
      const r = await dir.run(...args);
      expect(r.exitCode, args.join(' ')).toBe(14);
      expect(r.stderr, args.join(' ')).toContain('environment "idle" is not running');
      expect(r.stderr, args.join(' ')).toContain('envctl apply');
    }

    const signal = await dir.run('kill', '-s', 'NOPE', 'box');
    expect(signal.exitCode).toBe(64);
    expect(signal.stderr).toContain('-s NOPE: not a signal');
  });
});

describe('everyday verbs with hosts:', () => {
  const project = uniqueProject('verbshost');
  const dir = new SpecDir();
  // The default engine is unreachable: only the environment's own engine (the entry under hosts:) can answer.
  const run = (...args: string[]) =>
    execa('node', [BIN, '-f', dir.file, ...args], { env: { NO_COLOR: '1', DOCKER_HOST: 'unix:///nonexistent/docker.sock' }, reject: false, stdin: 'ignore' });

  beforeAll(async () => {
    await requireEngine();
    dir.write(
      [
        'version: 1',
        `project: ${project}`,
        'hosts: { lab: { docker_host: "unix:///var/run/docker.sock" } }',
        'environments:',
        `  box: { image: ${TEST_IMAGE}, network_mode: none, host: lab, command: ${DAEMON} }`,
        '',
      ].join('\n'),
    );
    const applied = await run('apply', '--yes');
    expect(applied.exitCode, String(applied.stderr)).toBe(0);
  });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('exec, logs, top and kill work on the environment’s engine', async () => {
    const exec = await run('exec', 'box', '--', 'echo', 'on-lab');
    expect(exec.exitCode, String(exec.stderr)).toBe(0);
    expect(exec.stdout).toBe('on-lab');
    const logs = await run('logs', 'box');
    expect(logs.stdout).toContain('daemon-started');
    const top = await run('top', 'box', '--json');
    expect(JSON.parse(String(top.stdout))).toMatchObject({ ok: true, env: 'box', host: 'lab' });
    const kill = await run('kill', '-s', 'HUP', 'box');
    expect(kill.stdout).toContain('sent HUP to box');
    expect(kill.stdout).toContain('on lab');
  });
});
