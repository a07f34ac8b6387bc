// ssh that always connects (issue 13), on a real engine with real OpenSSH: keys outside ~/.ssh (next to a listed .pub,
// or `ssh.identity_file`), used by `envctl ssh` and written into ssh-config; sessions that see the container's
// environment (the spec's `environment:` and the image's ENV PATH, as `docker exec` does); a port left out is chosen
// once and kept, so ssh-config stays right after `docker restart` and a recreate; an `identity_file` that does not
// exist is named in a warning, and envctl goes on with the key it finds.
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker, dockerMaybe } from './support/run-cli.js';
import { SSHD_IMAGE, TempUser, requireSshTools, sshUntilUp } from './support/ssh-user.js';
import { uniqueProject } from './support/unique-project.js';
import { waitFor } from '../support/wait-for.js';

describe('ssh that always connects', () => {
  const project = uniqueProject('sshkeys');
  const dir = new SpecDir();
  const user = new TempUser();
  const keys = mkdtempSync(join(tmpdir(), 'envctl-lab-keys-'));
  // The image's own ENV, as a conda image has it.
  const condaImage = `envctl/ssh-conda-${project}:local`;

  beforeAll(async () => {
    await requireEngine();
    await requireSshTools();
    await user.init(false); // nothing in ~/.ssh: only the keys the spec names can log in
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'lab', '-f', join(keys, 'lab')]);
    // A private key NOT next to its .pub: only `ssh.identity_file` can find it.
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'other', '-f', join(keys, 'other-private')]);
    renameSync(join(keys, 'other-private.pub'), join(keys, 'other.pub'));
    await execa('docker', ['build', '-q', '-t', condaImage, '-'], {
      input: `FROM ${SSHD_IMAGE}\nENV PATH=/opt/conda/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin CONDA_PREFIX=/opt/conda\n`,
    });
    dir.write(`project: ${project}
environments:
  box:
    image: ${condaImage}
    environment: { LAB_VAR: "hello lab" }
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
    await dockerMaybe('rmi', condaImage);
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
    expect(printed.stderr).toBe(''); // both identity files exist: nothing to warn about
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

  it("a command over ssh sees the spec's `environment:` and the image's PATH, as docker exec does", async () => {
    const r = await sshUntilUp(user, dir, 'box', ['sh', '-c', "'echo $LAB_VAR; echo $PATH; echo $CONDA_PREFIX'"]);
    const execed = await docker('exec', `${project}-box`, 'sh', '-c', 'echo $LAB_VAR; echo $PATH; echo $CONDA_PREFIX');
    expect(r.stdout.trim().split('\n')).toEqual(['hello lab', '/opt/conda/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', '/opt/conda']);
    expect(r.stdout.trim()).toBe(execed);
  });

  it('a login shell keeps them too (/etc/profile resets PATH; envctl\'s profile script puts it back)', async () => {
    const r = await sshUntilUp(user, dir, 'box', ['bash', '-lc', "'echo $LAB_VAR; echo $PATH'"]);
    expect(r.stdout.trim().split('\n')).toEqual(['hello lab', '/opt/conda/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
  });

  it('the values stay in memory inside the container: not in its layer, not in a label', async () => {
    const diff = await docker('diff', `${project}-box`);
    expect(diff).not.toContain('session.env');
    const inspect = await docker('inspect', '--format', '{{json .Config.Labels}}', `${project}-box`);
    expect(inspect).not.toContain('hello lab');
    const plan = await user.run(dir, 'plan');
    expect(plan.stdout).toContain('No changes');
  });

  let chosen = 0;
  const statusPort = async (): Promise<number | null> => {
    const r = await user.run(dir, 'status', '--json');
    expect(r.exitCode, r.stderr).toBe(0);
    const status = JSON.parse(r.stdout) as { ok: boolean; environments: { env: string; ssh: { port: number | null } | null }[] };
    return status.environments.find((e) => e.env === 'box')?.ssh?.port ?? null;
  };

  it('a port left out is chosen by envctl and shown by status (--json too), never * or null', async () => {
    chosen = (await statusPort()) ?? 0;
    expect(chosen).toBeGreaterThanOrEqual(10000);
    expect(chosen).toBeLessThanOrEqual(19999);
    expect(await docker('port', `${project}-box`, '22/tcp')).toBe(`127.0.0.1:${chosen}`);
    const text = await user.run(dir, 'status');
    expect(text.stdout).toMatch(new RegExp(`box .*ssh 127\\.0\\.0\\.1:${chosen} `));
  });

  it('after `docker restart` the port is the same: the written ssh-config still connects, plan is a no-op', async () => {
    await docker('restart', '-t', '1', `${project}-box`);
    expect(await docker('port', `${project}-box`, '22/tcp')).toBe(`127.0.0.1:${chosen}`);
    expect(await statusPort()).toBe(chosen);
    const config = join(user.home, '.ssh', 'config');
    const r = await waitFor(
      async () => {
        const one = await execa('ssh', ['-F', config, '-o', 'BatchMode=yes', `${project}-box`, 'echo', 'back'], { reject: false, env: user.env });
        return one.exitCode === 0 && one;
      },
      { timeoutMs: 20_000, intervalMs: 250, what: 'plain ssh with the written config after docker restart' },
    );
    expect(String(r.stdout).trim()).toBe('back');
    expect((await user.run(dir, 'ssh', 'box', '--', 'true')).exitCode).toBe(0);
    const plan = await user.run(dir, 'plan');
    expect(plan.stdout).toContain('No changes');
  });

  it('a recreate keeps the chosen port', async () => {
    dir.write(readFileSync(dir.file, 'utf8').replace('hello lab', 'hello again'));
    const r = await user.run(dir, 'apply', '--yes');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('recreate env:box');
    expect(await statusPort()).toBe(chosen);
    const again = await sshUntilUp(user, dir, 'box', ['sh', '-c', "'echo $LAB_VAR'"]);
    expect(again.stdout.trim()).toBe('hello again');
  });

  it('a missing `ssh.identity_file` is named on stderr and in --json, and envctl goes on with the key it finds', async () => {
    const lab = join(keys, 'lab');
    dir.write(readFileSync(dir.file, 'utf8').replace('lab.pub] }', `lab.pub], identity_file: ${lab}-typo }`).replace('other-private }', 'other-typo }'));
    const warnBox = `env:box: ssh.identity_file ${lab}-typo does not exist here; using ${lab}`;
    const warnOther = `env:other: ssh.identity_file ${join(keys, 'other-typo')} does not exist here; ssh will try its own keys`;
    const printed = await user.run(dir, 'ssh-config');
    expect(printed.exitCode, printed.stderr).toBe(0);
    expect(printed.stderr.split('\n')).toEqual([`envctl: warning: ${warnBox}`, `envctl: warning: ${warnOther}`]);
    expect(printed.stdout).toContain(`  IdentityFile ${lab}\n`);
    expect(printed.stdout).toContain(`Host ${project}-other\n`);
    expect(printed.stdout).not.toContain('other-typo');

    const json = await user.run(dir, 'ssh-config', '--json');
    expect(json.stderr).toBe('');
    const data = JSON.parse(json.stdout) as { warnings: string[]; hosts: { env: string; identityFile: string | null; missingIdentityFile: string | null }[] };
    expect(data.warnings).toEqual([warnBox, warnOther]);
    expect(data.hosts.map((h) => [h.env, h.identityFile, h.missingIdentityFile])).toEqual([
      ['box', lab, `${lab}-typo`],
      ['other', null, join(keys, 'other-typo')],
    ]);

    // A per-user path in a checked-in spec: the warning, then the connection with the key found.
    const ssh = await user.run(dir, 'ssh', 'box', '--', 'echo', 'still-in');
    expect(ssh.exitCode, ssh.stderr).toBe(0);
    expect(ssh.stdout.trim()).toBe('still-in');
    expect(ssh.stderr.trim()).toBe(`envctl: warning: ${warnBox}`);
  });
});
