// SSH into environments on a real engine with real OpenSSH clients: key login, no passwords, restart-proof, the same
// host key after a recreate, sshd installed into an image without one, and plan a no-op afterwards.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker } from './support/run-cli.js';
import { NOSSHD_IMAGE, SSHD_IMAGE, TempUser, requireSshTools, sshUntilUp } from './support/ssh-user.js';
import { uniqueProject } from './support/unique-project.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { freePort } from '../support/free-port.js';

describe('ssh into environments (real engine, real OpenSSH)', () => {
  const project = uniqueProject('ssh');
  const dir = new SpecDir();
  const user = new TempUser();
  let port = 0;
  let freshPort = 0;
  const spec = (extra = ''): string => `version: 1
project: ${project}
environments:
  box:
    image: ${SSHD_IMAGE}
    user: "1000:1000"
    ssh: { port: ${port}, host_ip: 127.0.0.1 }
${extra}
  fresh:
    image: ${NOSSHD_IMAGE}
    ssh: { port: ${freshPort}, host_ip: 127.0.0.1, install: auto }
${extra}
`;

  beforeAll(async () => {
    await requireEngine(); // fails loudly (never skips) when no engine is reachable
    await requireSshTools();
    await user.init();
    port = await freePort();
    freshPort = await freePort();
  });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
    user.dispose();
  });

  it('apply starts a key-only sshd; one image has it, the other gets openssh-server installed with visible progress', async () => {
    dir.write(spec());
    // The plan says what install: auto may do, before anything is sent.
    const plan = await user.run(dir, 'plan');
    expect(plan.stdout).toContain(`env:fresh: if image ${NOSSHD_IMAGE} has no sshd, apply installs openssh-server with its package manager (apt-get, apk, dnf or yum): needs the network`);
    const started = Date.now();
    const r = await user.run(dir, 'apply', '--yes');
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    // The install shows as progress lines (line-by-line renderer, since stdout is not a terminal), not apt's output.
    expect(r.stdout).toMatch(/env:fresh: .*installing openssh-server: apt-get update/);
    expect(r.stdout).toMatch(/env:fresh: .*installing openssh-server: apt-get install openssh-server/);
    expect(r.stdout).not.toMatch(/Get:\d+|Setting up|Unpacking/);
    console.log(`apply output with an sshd install: ${r.stdout.split('\n').length} lines`);
    console.log(`apply with an sshd install: ${((Date.now() - started) / 1000).toFixed(1)}s`);
    const hosts = readFileSync(user.knownHosts, 'utf8');
    expect(hosts).toContain(`envctl-${project}-box ssh-ed25519 `);
    expect(hosts).toContain(`envctl-${project}-fresh ssh-ed25519 `);
  }, 240_000);

  it('`envctl ssh box -- cat /etc/debian_version` logs in with the key and prints it', async () => {
    const r = await sshUntilUp(user, dir, 'box', ['cat', '/etc/debian_version']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toMatch(/^12\.\d+$/);
    // sshd started as root, while the container's own process runs as the spec's `user:` (as in SPEC.md).
    expect(await docker('exec', `${project}-box`, 'awk', '/^Uid:/ { print $2 }', '/proc/1/status')).toBe('1000');
    const fresh = await sshUntilUp(user, dir, 'fresh', ['cat', '/etc/debian_version']);
    expect(fresh.exitCode).toBe(0);
    expect(fresh.stdout.trim()).toMatch(/^12\.\d+$/);
  });

  it('the remote exit code is envctl ssh exit code', async () => {
    const r = await user.run(dir, 'ssh', 'box', '--', 'sh', '-c', "'exit 7'");
    expect(r.exitCode).toBe(7);
  });

  it('plan is a no-op afterwards: nothing envctl wrote shows as drift', async () => {
    const r = await user.run(dir, 'plan');
    expect(r.stdout).toContain('No changes');
    expect(r.exitCode).toBe(0);
     const status = await user.run(dir, 'status');
    expect(status.stdout).toMatch(new RegExp(`box .*ssh 127\\.0\\.0\\.1:${port}.*no`));
  });

  it('sshd is back after `docker restart`, with no envctl run (the installed one too)', async () => {
    await docker('restart', '-t', '2', `${project}-box`, `${project}-fresh`);
    for (const env of ['box', 'fresh']) {
      const r = await sshUntilUp(user, dir, env, ['echo', 'back']);
      expect(r.exitCode).toBe(0);
      expect(r.stdout.trim()).toBe('back');
    }
  });

  it('a recreate keeps the host key: known_hosts unchanged and StrictHostKeyChecking=yes still passes', async () => {
    const before = readFileSync(user.knownHosts, 'utf8');
    const oldId = await docker('inspect', '-f', '{{.Id}}', `${project}-box`);
    // What envctl wrote (files, host keys, the installed openssh-server) is not work the data-safety guard protects.
    dir.write(spec('    environment: { FORCE_RECREATE: "1" }'));
    const r = await user.run(dir, 'apply', '--yes');
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('recreate');
    expect(await docker('inspect', '-f', '{{.Id}}', `${project}-box`)).not.toBe(oldId);
    for (const env of ['box', 'fresh']) {
      const login = await sshUntilUp(user, dir, env, ['echo', 'same-key']);
      expect(login.stderr).not.toMatch(/HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
      expect(login.stdout.trim()).toBe('same-key');
    }
    expect(readFileSync(user.knownHosts, 'utf8')).toBe(before);
    // The host key volume is envctl's, labelled with project and env.
    const labels = await docker('volume', 'inspect', '-f', '{{json .Labels}}', `${project}-box-ssh-hostkeys`);
    expect(JSON.parse(labels)).toMatchObject({ 'dev.envctl.project': project, 'dev.envctl.env': 'box' });
    expect((await user.run(dir, 'plan')).exitCode).toBe(0);
  }, 120_000);

  it("the user's own files in the container still count as work (only envctl's writes are ignored)", async () => {
    await docker('exec', `${project}-fresh`, 'sh', '-c', 'echo notes > /root/notes.txt');
    dir.write(spec('    environment: { FORCE_RECREATE: "2" }'));
    const r = await user.run(dir, 'plan');
    expect(r.stdout).toMatch(/env:fresh[\s\S]*would lose 1 changed path: \/root\/notes\.txt/);
    expect(r.stdout).not.toMatch(/env:box[^\n]*\n[^\n]*\n\s*! would lose/);
    dir.write(spec('    environment: { FORCE_RECREATE: "1" }'));
  });

  it('a password login is refused even when the user has a password', async () => {
    await docker('exec', `${project}-box`, 'sh', '-c', 'echo root:letmein | chpasswd');
    const r = await execa(
      'sshpass',
      [
        '-p',
        'letmein',
        'ssh',
        '-p',
        String(port),
        '-o',
        `UserKnownHostsFile=${user.knownHosts}`,
        '-o',
        `HostKeyAlias=envctl-${project}-box`,
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        'PubkeyAuthentication=no',
        '-o',
        'PreferredAuthentications=password,keyboard-interactive',
        'root@127.0.0.1',
        'true',
      ],
      { reject: false, env: user.env },
    );
    expect(r.exitCode).not.toBe(0);
    // The server offers public keys only.
    expect(String(r.stderr)).toContain('Permission denied (publickey)');
  });

  it('ssh-config prints Host blocks, and --write merges them between markers idempotently (plain ssh then works)', async () => {
    const printed = await user.run(dir, 'ssh-config', 'box');
    expect(printed.exitCode).toBe(0);
    expect(printed.stdout).toContain(`Host ${project}-box\n  HostName 127.0.0.1\n  Port ${port}\n  User root\n`);
    const first = await user.run(dir, 'ssh-config', '--write');
    expect(first.exitCode).toBe(0);
    const config = join(user.home, '.ssh', 'config');
    const written = readFileSync(config, 'utf8');
    expect(written).toContain(`# >>> envctl ${project} >>>`);
    expect(written).toContain(`Host ${project}-fresh`);
    const second = await user.run(dir, 'ssh-config', '--write');
    expect(second.stdout).toContain('up to date');
    expect(readFileSync(config, 'utf8')).toBe(written);
    // What VS Code Remote-SSH does: plain ssh with the Host name (-F, as ssh reads the passwd home, not $HOME).
    const r = await execa('ssh', ['-F', config, '-o', 'BatchMode=yes', `${project}-box`, 'echo', 'vscode'], { reject: false, env: user.env });
    expect(String(r.stderr)).toBe('');
    expect(String(r.stdout).trim()).toBe('vscode');
  });

  it('destroy --volumes removes the containers first, then the host key volumes', async () => {
    // env:fresh still holds /root/notes.txt (the user's work, above): destroy refuses until that is an explicit choice.
    expect((await user.run(dir, 'destroy', '--yes', '--volumes')).exitCode).toBe(7);
    const r = await user.run(dir, 'destroy', '--yes', '--volumes', '--discard-changes');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await docker('volume', 'ls', '-q', '--filter', `label=dev.envctl.project=${project}`)).toBe('');
  });
});

describe('an image whose sshd cannot be had: install never, or no package manager', () => {
  const project = uniqueProject('sshnever');
  const dir = new SpecDir();
  const user = new TempUser();

  beforeAll(async () => {
    await requireEngine();
    await requireSshTools();
    await user.init();
  });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
    user.dispose();
  });

  it('is a clear error at apply naming the image, and leaves no container behind', async () => {
    dir.write(`project: ${project}\nenvironments:\n  box:\n    image: ${NOSSHD_IMAGE}\n    ssh: { host_ip: 127.0.0.1, install: never }\n`);
    const r = await user.run(dir, 'apply', '--yes');
    expect(r.exitCode).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toContain(`image ${NOSSHD_IMAGE} has no sshd`);
    expect(await docker('ps', '-aq', '--filter', `label=dev.envctl.project=${project}`)).toBe('');
  });

  it('says why in one sentence, keeps the full output in a file it names, and leaves no container', async () => {
    // busybox has no package manager: the install script fails at once, without the network.
    dir.write(`project: ${project}\nenvironments:\n  box:\n    image: ${TEST_IMAGE}\n    command: ${JSON.stringify(IDLE_COMMAND)}\n    ssh: { host_ip: 127.0.0.1 }\n`);
    const r = await user.run(dir, 'apply', '--yes');
    expect(r.exitCode).toBe(1);
    const out = `${r.stdout}${r.stderr}`;
    expect(out).toContain(`cannot install openssh-server into ${project}-box: image ${TEST_IMAGE} has no apt-get, apk, dnf or yum`);
    const saved = /the full output is in (\S+);/.exec(out)?.[1];
    expect(saved, out).toBeDefined();
    expect(readFileSync(saved!, 'utf8')).toContain('envctl: no package manager found');
    rmSync(saved!, { force: true });
    expect(await docker('ps', '-aq', '--filter', `label=dev.envctl.project=${project}`)).toBe('');
  });
});
