// What `ssh:` adds to a container create body, and how observe takes it back out (the two stay exact inverses).
import type { CanonicalEnv, PortBinding } from '../canonical-env.js';
import type { ImageDefaults } from '../container-json.js';
import { hostKeyVolumeName, LABEL_SSH, SSH_CONTAINER_PORT, SSH_ENTRYPOINT, SSH_HOSTKEYS_DIR, type SshConfig } from './ssh-settings.js';

/** The parts of a create body ssh touches (a structural subset, so dockerode's type stays in engine/). */
export interface SshCreateBody {
  User?: string;
  Entrypoint?: string[] | string;
  Cmd?: string[] | string;
  Labels?: Record<string, string>;
  ExposedPorts?: Record<string, object>;
  HostConfig?: { PortBindings?: Record<string, { HostIp: string; HostPort: string }[]>; Binds?: string[] };
}

/** The label: settings that are not in the port binding, plus the entrypoint/command as the spec gave them. */
interface SshLabel {
  user: string;
  install: 'auto' | 'never';
  keys: string[];
  entrypoint?: string[];
  cmd?: string[];
  /** The spec's `user:` (the container's process runs as it; sshd itself must start as root). */
  runAs?: string;
  /** The port envctl chose when the spec left it out (the binding holds it; observe reports `port: null`). */
  chosenPort?: number;
}

const PORT_KEY = `${SSH_CONTAINER_PORT}/tcp`;

/**
 * The argv the container would run without envctl: the daemon's merge of the create request with the image
 * (an entrypoint given without a command drops the image's CMD, as in daemon/create.go).
 */
export function effectiveArgv(env: CanonicalEnv, image: ImageDefaults): string[] {
  const entrypoint = env.entrypoint ?? image.entrypoint ?? [];
  const ownEntrypoint = env.entrypoint !== null && env.entrypoint.length > 0;
  const command = env.command ?? (ownEntrypoint ? [] : (image.cmd ?? []));
  return [...entrypoint, ...command];
}

/** Who the container's own process runs as: the spec's user, else the image's USER; '' = root (nothing to drop). */
export function runAsUser(env: CanonicalEnv, image: ImageDefaults): string {
  const user = env.user ?? image.user;
  return ['', 'root', '0', '0:0', 'root:root'].includes(user) ? '' : user;
}

/**
 * sshd is started by the wrapper, which then execs the image's own entrypoint and command (read from the image now),
 * so a `docker restart` or a restart policy brings sshd back with no envctl run. The container starts as root (sshd
 * needs it) and the wrapper drops to the spec's or image's user before the exec; its first argument names that user.
 */
export function addSshToCreateBody(body: SshCreateBody, env: CanonicalEnv, ssh: SshConfig, image: ImageDefaults): void {
  const label: SshLabel = { user: ssh.user, install: ssh.install, keys: ssh.authorizedKeys };
  const chosen = ssh.port === null ? ssh.chosenPort : undefined;
  if (chosen !== undefined) label.chosenPort = chosen;
  if (body.Entrypoint !== undefined) label.entrypoint = [...(body.Entrypoint as string[])];
  if (body.Cmd !== undefined) label.cmd = [...(body.Cmd as string[])];
  if (env.user !== null) label.runAs = env.user;
  body.User = '0';
  body.Entrypoint = [SSH_ENTRYPOINT];
  const hasHome = 'HOME' in env.environment || image.env.some((e) => e.startsWith('HOME='));
  body.Cmd = [runAsUser(env, image), hasHome ? '' : '1', ...effectiveArgv(env, image)];
  body.Labels = { ...body.Labels, [LABEL_SSH]: JSON.stringify(label) };
  body.ExposedPorts = { ...body.ExposedPorts, [PORT_KEY]: {} };
  const host = (body.HostConfig ??= {});
  host.PortBindings = {
    ...host.PortBindings,
    [PORT_KEY]: [{ HostIp: ssh.hostIp === '0.0.0.0' ? '' : ssh.hostIp, HostPort: String(ssh.port ?? chosen ?? '') }],
  };
  host.Binds = [...(host.Binds ?? []), `${hostKeyVolumeName(env.project, env.name)}:${SSH_HOSTKEYS_DIR}`];
}

export interface ObservedSsh {
  config: SshConfig;
  /** The entrypoint and command as the spec gave them (null = not given), for observe to use instead of the wrapper's. */
  entrypoint: string[] | null;
  cmd: string[] | null;
  /** The spec's user (null = not given). */
  user: string | null;
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined;
}

/** null when the container has no (readable) ssh label: then it is observed as it is. */
export function observeSsh(labels: Record<string, string> | null | undefined, ports: PortBinding[]): ObservedSsh | null {
  const raw = labels?.[LABEL_SSH];
  if (raw === undefined) return null;
  let parsed: Partial<SshLabel>;
  try {
    parsed = JSON.parse(raw) as Partial<SshLabel>;
  } catch {
    return null;
  }
  const binding = ports.find(isSshPort);
  const published = binding?.published ?? null;
  const chosen = typeof parsed.chosenPort === 'number' && parsed.chosenPort === published ? published : null;
  const config: SshConfig = {
    user: typeof parsed.user === 'string' ? parsed.user : 'root',
    port: chosen === null ? published : null,
    ...(chosen === null ? {} : { chosenPort: chosen }),
    hostIp: binding?.hostIp ?? '0.0.0.0',
    install: parsed.install === 'never' ? 'never' : 'auto',
    authorizedKeys: [...(stringList(parsed.keys) ?? [])].sort(),
  };
  return {
    config,
    entrypoint: stringList(parsed.entrypoint) ?? null,
    cmd: stringList(parsed.cmd) ?? null,
    user: typeof parsed.runAs === 'string' ? parsed.runAs : null,
  };
}

export function isSshPort(p: PortBinding): boolean {
  return p.target === SSH_CONTAINER_PORT && p.protocol === 'tcp';
}
