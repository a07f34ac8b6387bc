// The ssh feature's pure parts: the spec block, the create/observe inverse, Host blocks and their merge, known_hosts,
// the tar archive, and which container changes are envctl's.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImageInfo } from '../../../src/engine/engine.js';
import { observeContainer, type ContainerInspectJson } from '../../../src/engine/observe.js';
import { readFirstTarFile, writeTar } from '../../../src/engine/tar-entries.js';
import { toCreateOptions } from '../../../src/engine/to-create-options.js';
import { formatHostBlock, formatProjectSection, mergeSshConfig } from '../../../src/features/ssh/format-ssh-config.js';
import { withHostKey } from '../../../src/features/ssh/known-hosts.js';
import { normalizeSsh } from '../../../src/fields/ssh/normalize-ssh.js';
import { ssh as sshField } from '../../../src/fields/ssh/ssh-field.js';
import { pickSshPort } from '../../../src/features/ssh/choose-ssh-port.js';
import { stringifySorted } from '../../../src/base/stringify-sorted.js';
import { sshArgs, sshHostName, type SshTarget } from '../../../src/features/ssh/resolve-ssh-target.js';
import { identityFileWarnings } from '../../../src/cli/render/identity-file-warnings.js';
import { effectiveArgv } from '../../../src/fields/ssh/ssh-create-options.js';
import type { SshConfig } from '../../../src/fields/ssh/ssh-settings.js';
import { significantChanges } from '../../../src/plan/significant-changes.js';
import { SpecError } from '../../../src/errors/envctl-error.js';
import { loadSpec } from '../../../src/spec/load-spec.js';
import { defaultEnv } from '../../support/default-env.js';
import { rejectionOf } from '../../support/expect-error.js';

const KEY_A = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa alice@lab';
const KEY_B = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

const home = mkdtempSync(join(tmpdir(), 'envctl-ssh-unit-'));
mkdirSync(join(home, '.ssh'));
writeFileSync(join(home, '.ssh', 'id_ed25519.pub'), `${KEY_A}\n`);
writeFileSync(join(home, '.ssh', 'id_ed25519'), '-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n-----END OPENSSH PRIVATE KEY-----\n');
afterAll(() => rmSync(home, { recursive: true, force: true }));
const ctx = { specDir: home, homeDir: home, defaultHostIp: '0.0.0.0' };

describe('the ssh block of a spec', () => {
  it('`ssh: true` means root, an ephemeral port on all interfaces, install auto, and my ~/.ssh/*.pub keys', () => {
    expect(normalizeSsh(true, ctx)).toEqual({
      config: { user: 'root', port: null, hostIp: '0.0.0.0', install: 'auto', authorizedKeys: [KEY_A] },
      problems: [],
    });
    expect(normalizeSsh(false, ctx).config).toBeNull();
  });

  it('takes key lines and .pub files (~ and relative to the spec), de-duplicated and sorted', () => {
    const { config, problems } = normalizeSsh({ port: 2222, user: 'dev', host_ip: '127.0.0.1', install: 'never', authorized_keys: [KEY_B, '~/.ssh/id_ed25519.pub', '.ssh/id_ed25519.pub'] }, ctx);
    expect(problems).toEqual([]);
    // The private halves next to the listed .pub files are the keys `envctl ssh` offers (client side only).
    const identityFiles = [join(home, '.ssh', 'id_ed25519')];
    expect(config).toEqual({ user: 'dev', port: 2222, hostIp: '127.0.0.1', install: 'never', authorizedKeys: [KEY_A, KEY_B], identityFiles });
  });

  it('`identity_file` comes first; identity files are never compared, so changing them recreates nothing', () => {
    const { config } = normalizeSsh({ authorized_keys: ['~/.ssh/id_ed25519.pub'], identity_file: '~/keys/lab' }, ctx);
    expect(config?.identityFiles).toEqual([join(home, 'keys', 'lab'), join(home, '.ssh', 'id_ed25519')]);
    const { identityFiles: _dropped, identityFile: _alsoDropped, ...observed } = config!;
    expect(stringifySorted(sshField.present.compare!(config))).toBe(stringifySorted(sshField.present.compare!(observed)));
  });

  it('refuses a private key file without ever quoting it, a missing file, and a bad host_ip', () => {
    const { problems } = normalizeSsh({ authorized_keys: ['~/.ssh/id_ed25519', '~/.ssh/nope.pub'], host_ip: 'localhost' }, ctx);
    expect(problems.map((p) => p.message)).toEqual([
      'ssh: "~/.ssh/id_ed25519" is not a public key file (line 1 is not a key line)',
      `ssh: cannot read the public key file "~/.ssh/nope.pub" (looked at ${join(home, '.ssh', 'nope.pub')})`,
      'ssh: host_ip "localhost" is not an IP address',
    ]);
    expect(JSON.stringify(problems)).not.toContain('secret');
  });

  it('says where to get a key when there is none', () => {
    const empty = mkdtempSync(join(tmpdir(), 'envctl-ssh-empty-'));
    const { problems } = normalizeSsh(true, { ...ctx, homeDir: empty });
    rmSync(empty, { recursive: true });
    expect(problems[0]?.message).toContain('no public key found');
    expect(problems[0]?.hint).toContain('ssh-keygen -t ed25519');
  });

  it('is checked against the rest of the environment: port 22 in ports, host networking, a host port taken twice', async () => {
    const file = join(home, 'envctl.yaml');
    writeFileSync(
      file,
      `project: p
environments:
  a:
    image: img
    ports: ["22:22", "2222:80"]
    ssh: { port: 2222 }
  b:
    image: img
    network_mode: host
    ssh: true
`,
    );
    const error = await rejectionOf(loadSpec(file, { homeDir: home, environ: {} }), SpecError);
    const messages = error.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        'ssh publishes container port 22 itself; `ports` publishes 22/tcp too',
        'ssh needs a published port, which network_mode host does not have',
        expect.stringMatching(/host port 0\.0\.0\.0:2222\/tcp is already published by this environment/),
      ]),
    );
  });
});

describe('ssh in the create body and back (observe is the inverse)', () => {
  const image: ImageInfo = { id: 'sha256:1', ref: 'img', env: [], cmd: ['python', 'serve.py'], entrypoint: ['/init'], workingDir: '', user: '', labels: {}, volumes: [] };
  const ssh: SshConfig = { user: 'root', port: 2222, hostIp: '127.0.0.1', install: 'auto', authorizedKeys: [KEY_A] };

  /** What the engine stores for a create body: the parts observe reads. */
  function inspectOf(body: ReturnType<typeof toCreateOptions>): ContainerInspectJson {
    return {
      Id: 'c'.repeat(64),
      Name: '/lab-box',
      State: { Status: 'running' },
      Config: { Image: 'img:latest', Env: body.Env ?? [], Cmd: body.Cmd as string[], Entrypoint: body.Entrypoint as string[], Labels: body.Labels ?? {} },
      HostConfig: body.HostConfig as ContainerInspectJson['HostConfig'],
    };
  }

  it.each([
    ['the image entrypoint and command', null, null, ['/init', 'python', 'serve.py']],
    ['an own command', ['sleep', '1'], null, ['/init', 'sleep', '1']],
    ['an own entrypoint (the image CMD is dropped, as the daemon does)', null, ['/bin/sh'], ['/bin/sh']],
  ])('the wrapper runs first, then %s', (_what, command, entrypoint, argv) => {
    const env = defaultEnv('lab', 'box', 'img:latest', { command, entrypoint, ssh, ports: [{ target: 80, published: 8080, hostIp: '0.0.0.0', protocol: 'tcp' }] });
    const body = toCreateOptions({ env, image, name: 'lab-box', specHash: 'h' });
    expect(body.Entrypoint).toEqual(['/etc/envctl/ssh/entrypoint.sh']);
    expect(body.Cmd).toEqual(['', '1', ...argv]);
    expect(effectiveArgv(env, image)).toEqual(argv);
    expect(body.HostConfig?.PortBindings?.['22/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: '2222' }]);
    expect(body.HostConfig?.Binds).toContain('lab-box-ssh-hostkeys:/etc/envctl/ssh/hostkeys');
    // Public keys only in the label; no path to a key file.
    expect(body.Labels?.['dev.envctl.ssh']).not.toContain(home);
    const observed = observeContainer(inspectOf(body)).config;
    expect(observed.ssh).toEqual(ssh);
    expect(observed.command).toEqual(command);
    expect(observed.entrypoint).toEqual(entrypoint);
    expect(observed.ports).toEqual(env.ports);
    expect(observed.mounts).toEqual([]);
  });

  it('a port envctl chose is bound, kept in the label, and reads back as the spec\'s "left out" (no drift)', () => {
    const chosen: SshConfig = { ...ssh, port: null, chosenPort: 14022 };
    const body = toCreateOptions({ env: defaultEnv('lab', 'box', 'img:latest', { ssh: chosen }), image, name: 'lab-box', specHash: 'h' });
    expect(body.HostConfig?.PortBindings?.['22/tcp']).toEqual([{ HostIp: '127.0.0.1', HostPort: '14022' }]);
    const observed = observeContainer(inspectOf(body)).config.ssh;
    expect(observed).toEqual(chosen);
    const desired: SshConfig = { ...ssh, port: null };
    expect(stringifySorted(sshField.present.compare!(observed))).toBe(stringifySorted(sshField.present.compare!(desired)));
    // A port the spec gives is never taken for a chosen one.
    expect(observeContainer(inspectOf(toCreateOptions({ env: defaultEnv('lab', 'box', 'img:latest', { ssh }), image, name: 'lab-box', specHash: 'h' }))).config.ssh?.chosenPort).toBeUndefined();
  });

  it('envctl picks ssh ports below the ephemeral range, free on this machine', async () => {
    const port = await pickSshPort('unix:///var/run/docker.sock', '127.0.0.1');
    expect(port).toBeGreaterThanOrEqual(10000);
    expect(port).toBeLessThanOrEqual(19999);
    // An engine elsewhere cannot be checked from here: the pick is still in the range.
    expect(await pickSshPort('tcp://10.0.0.1:2376', '0.0.0.0', () => 0)).toBe(10000);
  });

  it("the container starts as root for sshd; the spec's user runs the process and reads back as the user", () => {
    const env = defaultEnv('lab', 'box', 'img:latest', { user: '1000:1000', environment: { HOME: '/work' }, ssh });
    const body = toCreateOptions({ env, image, name: 'lab-box', specHash: 'h' });
    expect(body.User).toBe('0');
    expect(body.Cmd).toEqual(['1000:1000', '', '/init', 'python', 'serve.py']);
    expect(observeContainer(inspectOf(body)).config.user).toBe('1000:1000');
  });

  it('an ephemeral ssh port reads back as ephemeral', () => {
    const env = defaultEnv('lab', 'box', 'img:latest', { ssh: { ...ssh, port: null, hostIp: '0.0.0.0' } });
    const body = toCreateOptions({ env, image, name: 'lab-box', specHash: 'h' });
    expect(body.HostConfig?.PortBindings?.['22/tcp']).toEqual([{ HostIp: '', HostPort: '' }]);
    expect(observeContainer(inspectOf(body)).config.ssh).toEqual(env.ssh);
  });
});

describe('reaching an environment', () => {
  const target: SshTarget = {
    env: 'box',
    hostAlias: 'lab-box',
    hostKeyAlias: 'envctl-lab-box',
    hostName: '127.0.0.1',
    port: 2222,
    user: 'root',
    identityFile: '/home/a/.ssh/id_ed25519',
    missingIdentityFile: null,
    knownHostsFile: '/home/a/.config/envctl/known_hosts',
    hostKeyKnown: true,
  };

  it('ssh gets the port, the key, envctl known_hosts under the alias, strict checking, then the command', () => {
    expect(sshArgs(target, ['cat', '/etc/debian_version'])).toEqual([
      '-p', '2222',
      '-o', 'UserKnownHostsFile=/home/a/.config/envctl/known_hosts',
      '-o', 'StrictHostKeyChecking=yes',
      '-o', 'HostKeyAlias=envctl-lab-box',
      '-i', '/home/a/.ssh/id_ed25519', '-o', 'IdentitiesOnly=yes',
      'root@127.0.0.1', 'cat', '/etc/debian_version',
    ]);
  });

  it('a missing identity_file is warned about, naming the environment, the path and the key used instead', () => {
    const missing = { ...target, missingIdentityFile: '/home/a/keys/lab' };
    expect(identityFileWarnings([missing])).toEqual(['env:box: ssh.identity_file /home/a/keys/lab does not exist here; using /home/a/.ssh/id_ed25519']);
    expect(identityFileWarnings([{ ...missing, identityFile: null }])).toEqual(['env:box: ssh.identity_file /home/a/keys/lab does not exist here; ssh will try its own keys']);
    expect(identityFileWarnings([target])).toEqual([]);
  });

  it('a port on all interfaces is reached on the engine host: local, or the host of a remote DOCKER_HOST', () => {
    expect(sshHostName('0.0.0.0', '')).toBe('127.0.0.1');
    expect(sshHostName('0.0.0.0', 'tcp://gpu-1.lab:2376')).toBe('gpu-1.lab');
    expect(sshHostName('0.0.0.0', 'ssh://alice@gpu-2')).toBe('gpu-2');
    expect(sshHostName('10.0.0.5', 'tcp://gpu-1.lab:2376')).toBe('10.0.0.5');
  });

  it('ssh-config --write puts the section first, replaces it in place later, and is idempotent', () => {
    const section = formatProjectSection('lab', [formatHostBlock(target)]);
    const user = 'Host *\n  StrictHostKeyChecking no\n';
    const once = mergeSshConfig(user, 'lab', section);
    expect(once.startsWith('# >>> envctl lab >>>\n')).toBe(true);
    expect(once.endsWith(user)).toBe(true);
    expect(mergeSshConfig(once, 'lab', section)).toBe(once);
    const moved = formatProjectSection('lab', [formatHostBlock({ ...target, port: 2300 })]);
    const twice = mergeSshConfig(once, 'lab', moved);
    expect(twice).toContain('Port 2300');
    expect(twice).not.toContain('Port 2222');
    expect(twice.match(/# >>> envctl lab >>>/g)).toHaveLength(1);
    expect(mergeSshConfig('', 'lab', section)).toBe(`${section}\n`);
  });

  it("known_hosts keeps one entry per alias and other people's lines", () => {
    const start = 'other ssh-rsa AAAA\n';
    const one = withHostKey(start, 'envctl-lab-box', 'ssh-ed25519 K1');
    expect(one).toBe('other ssh-rsa AAAA\nenvctl-lab-box ssh-ed25519 K1\n');
    expect(withHostKey(one, 'envctl-lab-box', 'ssh-ed25519 K1')).toBe(one);
    expect(withHostKey(one, 'envctl-lab-box', 'ssh-ed25519 K2')).toBe('other ssh-rsa AAAA\nenvctl-lab-box ssh-ed25519 K2\n');
  });
});

describe('what envctl writes into a container', () => {
  it('a tar with exact owner and mode that real tar reads, and whose first file reads back', async () => {
    const tar = await writeTar([
      { path: 'etc/envctl', type: 'dir', mode: 0o755, uid: 0, gid: 0 },
      { path: 'etc/envctl/x', type: 'file', mode: 0o600, uid: 0, gid: 0, content: 'hello\n' },
      { path: 'etc/envctl/y', type: 'file', mode: 0o644, uid: 1000, gid: 1000, content: 'second\n' },
    ]);
    const listing = String((await execa('tar', ['-tvf', '-', '--numeric-owner'], { input: tar })).stdout).split('\n');
    expect(listing.map((line) => line.split(/\s+/).filter((_, i) => i !== 3 && i !== 4).join(' '))).toEqual([
      'drwxr-xr-x 0/0 0 etc/envctl/',
      '-rw------- 0/0 6 etc/envctl/x',
      '-rw-r--r-- 1000/1000 7 etc/envctl/y',
    ]);
    expect((await readFirstTarFile(tar))?.toString()).toBe('hello\n');
    expect(await readFirstTarFile(await writeTar([{ path: 'etc', type: 'dir', mode: 0o755, uid: 0, gid: 0 }]))).toBeNull();
  });

  it('is not work the data-safety guard protects, while the user\'s own files still are', () => {
    const changes = [
      { path: '/etc', kind: 'changed' as const },
      { path: '/etc/envctl', kind: 'added' as const },
      { path: '/etc/envctl/ssh/sshd_config', kind: 'added' as const },
      { path: '/run/sshd', kind: 'added' as const },
      { path: '/root/notes.txt', kind: 'added' as const },
    ];
    expect(significantChanges(changes, []).map((c) => c.path)).toEqual(['/root/notes.txt']);
  });
});
