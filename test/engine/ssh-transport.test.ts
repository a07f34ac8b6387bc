// DOCKER_HOST=ssh://… on a real sshd (a container of the local Debian image, running the docker CLI's dial-stdio
// against this machine's engine): plan, apply and destroy work over it without Node's DEP0170 warning, and an ssh port
// that never answers ends within the engine timeout with one sentence.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { docker, dockerMaybe, envctl, SpecDir } from './support/run-cli.js';
import { startSickEngine, type SickEngine } from './support/sick-engine.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';
import { waitFor } from '../support/wait-for.js';

const SSHD_IMAGE = 'envctl/debian-sshd:local';
const SSHD_SETUP = 'mkdir -p /run/sshd /root/.ssh && ssh-keygen -A >/dev/null && cp /keys/id.pub /root/.ssh/authorized_keys && exec /usr/sbin/sshd -D -e';

async function waitForSshd(port: number, env: Record<string, string>): Promise<void> {
  let said = '';
  const login = async (): Promise<boolean> => {
    const r = await execa('ssh', ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', '-p', String(port), 'root@127.0.0.1', 'true'], {
      env,
      reject: false,
    });
    said = String(r.stderr);
    return r.exitCode === 0;
  };
  await waitFor(login, { timeoutMs: 20_000, intervalMs: 250, what: () => `sshd on 127.0.0.1:${port} to accept the key (ssh said: ${said.trim()})` });
}

describe('DOCKER_HOST=ssh://', () => {
  const project = uniqueProject('sshhost');
  const container = `${project}-sshd`;
  const dir = new SpecDir();
  const keys = mkdtempSync(join(tmpdir(), 'envctl-sshkeys-'));
  let agent: ChildProcess;
  let sshEnv: Record<string, string>;
  let host: string;
  let silent: SickEngine;

  beforeAll(async () => {
    await requireEngine();
    if (!(await dockerMaybe('image', 'inspect', SSHD_IMAGE)).ok) throw new Error(`needs the local image ${SSHD_IMAGE} (run: bash scripts/test-images.sh)`);
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(keys, 'id')]);
    const sock = join(keys, 'agent.sock');
    agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    sshEnv = { SSH_AUTH_SOCK: sock };
    const added = async () => (await execa('ssh-add', [join(keys, 'id')], { env: sshEnv, reject: false })).exitCode === 0;
    await waitFor(added, { timeoutMs: 10_000, intervalMs: 100, what: 'ssh-agent to take the key' });
    await docker('run', '-d', '--name', container, '-p', '127.0.0.1::22', '-v', `${keys}:/keys:ro`, '-v', '/var/run/docker.sock:/var/run/docker.sock',
      '-v', '/usr/bin/docker:/usr/bin/docker:ro', SSHD_IMAGE, 'sh', '-c', SSHD_SETUP);
    const port = Number((await docker('port', container, '22/tcp')).split(':').pop());
    await waitForSshd(port, sshEnv);
    host = `ssh://root@127.0.0.1:${port}`;
    silent = await startSickEngine('silent');
    dir.write(`version: 1\nproject: ${project}\nenvironments:\n  box: { image: ${TEST_IMAGE} }\n`);
  }, 120_000);
  afterAll(async () => {
    await cleanupProject(project);
    await dockerMaybe('rm', '-f', container);
    agent?.kill();
    await silent?.close();
    rmSync(keys, { recursive: true, force: true });
    dir.dispose();
  });

  it('plan, apply and destroy go over ssh, and Node prints no deprecation warning', async () => {
    const run = (...args: string[]) => envctl(['-f', dir.file, ...args], { cwd: dir.dir, env: { ...sshEnv, DOCKER_HOST: host } });
    const plan = await run('plan');
    expect(plan.exitCode, plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(/\+ create\s+env:box/);
    const applied = await run('apply', '--yes');
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(await docker('inspect', '--format', '{{.State.Running}}', `${project}-box`)).toBe('true');
    expect((await run('plan')).exitCode).toBe(0);
    expect((await run('destroy', '--yes')).exitCode).toBe(0);
    for (const r of [plan, applied]) expect(r.stderr).not.toMatch(/DeprecationWarning|DEP0170/);
  });

  it('an ssh port that never answers: one sentence naming it within the timeout, exit 1', async () => {
    const address = `ssh://root@${silent.host.slice('tcp://'.length)}`;
    const started = Date.now();
    const r = await envctl(['-f', dir.file, '--engine-timeout', '1s', 'plan'], { cwd: dir.dir, env: { ...sshEnv, DOCKER_HOST: address } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr.trim().split('\n')[0]).toBe(`envctl: error: list containers: the Docker Engine at ${address} did not answer within 1s`);
    expect(r.stderr).not.toMatch(/DeprecationWarning|^\s+at /m);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
