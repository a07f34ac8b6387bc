// ssh: a key-only sshd envctl adds to the container. It wraps the entrypoint (the wrapper starts sshd, then the
// container's own command), publishes container port 22 and mounts a host key volume; observe reads the settings
// back from the dev.envctl.ssh label and takes the wrapper, the port and the volume out of the other fields.
import { Type } from '@sinclair/typebox';
import type { Field } from '../field.js';
import { StringEnum, StringOrList, text } from '../schema-parts.js';
import { ports } from '../table/ports.js';
import { formatSsh } from './format-ssh.js';
import { normalizeSsh } from './normalize-ssh.js';
import { sshReadText } from './read-public-keys.js';
import { addSshToCreateBody, isSshPort, observeSsh } from './ssh-create-options.js';
import { SSH_CONTAINER_PORT, SSH_HOSTKEYS_DIR, type SshConfig } from './ssh-settings.js';
import { refuse } from '../service/service-rules.js';

const SshObject = () =>
  Type.Object(
    {
      port: Type.Optional(
        Type.Integer({
          minimum: 1,
          maximum: 65535,
          description: "Host port published for the container's sshd (port 22); omitted = a free port envctl chooses at create and keeps.",
        }),
      ),
      user: Type.Optional(Type.String(text('Who logs in (default root); the user must exist in the image.'))),
      authorized_keys: Type.Optional(
        StringOrList(
          'Public keys allowed to log in: .pub files (~/…, relative to the spec, or absolute) or key lines "ssh-ed25519 AAAA…". Default: ~/.ssh/*.pub.',
        ),
      ),
      identity_file: Type.Optional(
        Type.String(
          text(
            'Private key `envctl ssh` and `ssh-config` use (~/…, relative to the spec, or absolute); default: the private key next to a listed .pub file, else the one of a matching ~/.ssh/*.pub.',
          ),
        ),
      ),
      host_ip: Type.Optional(Type.String(text('Host interface for the ssh port, e.g. 127.0.0.1 (default: defaults.ports_host_ip, else 0.0.0.0).'))),
      install: Type.Optional(
        StringEnum(
          ['auto', 'never'] as const,
          'Image without sshd: install openssh-server with its package manager (auto, default) or refuse (never).',
        ),
      ),
    },
    { additionalProperties: false },
  );

const keys = {
  ssh: {
    get schema() {
      return Type.Union([Type.Boolean(), SshObject()], {
        description: 'A key-only sshd envctl adds to the container (`envctl ssh`, `envctl ssh-config`); true = defaults with your ~/.ssh/*.pub keys.',
        errorMessage: 'must be true, false, or {port, user, authorized_keys, identity_file, host_ip, install}',
      });
    },
  },
};

export const ssh: Field<'ssh', SshConfig | null, typeof keys> = {
  name: 'ssh',
  prop: 'ssh',
  keys,
  normalize: ({ ssh }, ctx) => {
    const field = ssh.value;
    if (!field) return null;
    const { config, problems } = normalizeSsh(field.value, {
      specDir: ctx.specDir,
      homeDir: ctx.homeDir,
      defaultHostIp: ctx.defaultHostIp,
      readText: sshReadText((p) => ctx.readTextFile(p)),
      listDir: (p) => ctx.listDir(p),
    });
    for (const p of problems) ctx.issue([...field.path, ...p.path], p.message, p.hint);
    if (config === null) return null;
    const mode = ctx.env.networkMode ?? 'bridge';
    if (['host', 'none'].includes(mode) || mode.startsWith('container:')) {
      ctx.issue(field.path, `ssh needs a published port, which network_mode ${mode} does not have`, 'use a bridge or user-defined network', true);
    }
    if ((ctx.env.ports ?? []).some(isSshPort)) {
      ctx.issue(
        field.path,
        'ssh publishes container port 22 itself; `ports` publishes 22/tcp too',
        'remove 22 from `ports` (set `ssh.port` for the host port)',
        true,
      );
    }
    const hasPort = typeof field.value === 'object' && field.value !== null && 'port' in field.value;
    ctx.claimPort(
      { target: SSH_CONTAINER_PORT, published: config.port, hostIp: config.hostIp, protocol: 'tcp' },
      hasPort ? [...field.path, 'port'] : field.path,
    );
    return config;
  },
  container: {
    // Everything happens in wrap: the wrapper goes in front of the entrypoint and command the other fields set.
    create: () => undefined,
    observe: (i) => observeSsh(i.Config?.Labels, ports.container.observe(i, { inherited: null }))?.config ?? null,
    wrap: {
      create: (v, body, env, image) => {
        if (v !== null) addSshToCreateBody(body, env, v, image);
      },
      unwrap: (env, inspect) => {
        const seen = observeSsh(inspect.Config?.Labels, ports.container.observe(inspect, { inherited: null }));
        if (seen === null) return;
        env.command = seen.cmd;
        env.entrypoint = seen.entrypoint;
        env.user = seen.user;
        env.ports = env.ports.filter((p) => !isSshPort(p));
        env.mounts = env.mounts.filter((m) => m.target !== SSH_HOSTKEYS_DIR);
      },
    },
  },
  // The wrapper, the port and the keys are fixed at create (keys live in a label), so any change needs a new container.
  service: refuse('envctl does not set up ssh in a service yet: keep this environment a container (no deploy:), or use docker exec on the task\'s node'),
  change: { kind: 'recreate' },
  // identityFile(s) are the client's business, chosenPort envctl's stand-in for a port left out: never compared or hashed.
  present: { show: formatSsh, compare: (v) => (v === null ? null : { ...v, identityFiles: undefined, identityFile: undefined, chosenPort: undefined }) },
  import: {
    flags: [],
    write: (s) => {
      if (s === null) return {};
      const out: Record<string, unknown> = {};
      if (s.port !== null) out.port = s.port;
      if (s.user !== 'root') out.user = s.user;
      if (s.hostIp !== '0.0.0.0') out.host_ip = s.hostIp;
      if (s.install !== 'auto') out.install = s.install;
      out.authorized_keys = [...s.authorizedKeys];
      return { ssh: out };
    },
  },
  policy: { hostIps: (s) => (s === null ? [] : [{ value: s.hostIp, key: 'ssh' }]) },
};
