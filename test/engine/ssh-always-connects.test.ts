// ssh that always connects (issue 13), on a real engine with real OpenSSH: keys outside ~/.ssh (next to a listed .pub,
// or `ssh.identity_file`), used by `envctl ssh` and written into ssh-config.
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir } from './support/run-cli.js';
import { SSHD_IMAGE, TempUser, requireSshTools, sshUntilUp } from './support/ssh-user.js';
import { uniqueProject } from './support/unique-project.js';

describe('ssh keys outside ~/.ssh', () => {
  const project = uniqueProject('sshkeys');
  const dir = new SpecDir();
  const user = new TempUser();
  const keys = mkdtempSync(join(tmpdir(), 'envctl-lab-keys-'));

  beforeAll(async () => {
    await requireEngine();
    await requireSshTools();
    await user.init(false); // nothing in ~/.ssh: only the keys the spec names can log in
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'lab', '-f', join(keys, 'lab')]);
    // A private key NOT next to its .pub: only `ssh.identity_file` can find it.
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'other', '-f', join(keys, 'other-private')]);
    renameSync(join(keys, 'other-private.pub'), join(keys, 'other.pub'));
    dir.write(`project: ${project}
environments:
  box:
    image: ${SSHD_IMAGE}
    ssh: { host_ip: 127.0.0.1, authorized_keys: [${join(keys, 'lab.pub')}] }
  other:
    image: ${SSHD_IMAGE}
    ssh: { host_ip: 127.0.0.1, authorized_keys: [${join(keys, 'other.pub')}], identity_file: ${join(keys, 'other-private')} }
`);
    const r = await user.run(dir, 'apply', '--yes');
    expect(r.exitCode, r.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
    user.dispose();
    rmSync(keys, { recursive: true, force: true });
  });

  it('`envctl ssh box -- true` logs in with the private key next to the listed /tmp/…/lab.pub', async () => {
    const r = await sshUntilUp(user, dir, 'box', ['true']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('`ssh.identity_file` is used when the private key is not next to the .pub', async () => {
    const r = await sshUntilUp(user, dir, 'other', ['echo', 'other']);
    expect(r.stdout.trim()).toBe('other');
  });

  it('ssh-config writes both keys as IdentityFile, and plain ssh with that config connects', async () => {
    const printed = await user.run(dir, 'ssh-config');
    expect(printed.exitCode, printed.stderr).toBe(0);
    expect(printed.stdout).toContain(`Host ${project}-box\n`);
    expect(printed.stdout).toContain(`  IdentityFile ${join(keys, 'lab')}\n`);
    expect(printed.stdout).toContain(`  IdentityFile ${join(keys, 'other-private')}\n`);
    const written = await user.run(dir, 'ssh-config', '--write');
    expect(written.exitCode, written.stderr).toBe(0);
    for (const env of ['box', 'other']) {
      const r = await execa('ssh', ['-F', join(user.home, '.ssh', 'config'), '-o', 'BatchMode=yes', `${project}-${env}`, 'echo', env], { reject: false, env: user.env });
      expect(String(r.stderr)).toBe('');
      expect(String(r.stdout).trim()).toBe(env);
    }
  });
});
