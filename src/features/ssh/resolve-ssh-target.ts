// Where and how to reach an environment's sshd: host, live port, user, the matching private key, and a known_hosts
// entry refreshed from the container itself.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import type { ContainerFiles } from '../../engine/container-files.js';
import type { Engine } from '../../engine/engine.js';
import type { CanonicalEnv } from '../../fields/canonical-env.js';
import { waitForHostKey } from './apply-ssh.js';
import { knownHostsPath, recordKnownHost } from './known-hosts.js';
import { defaultPublicKeyFiles, parseKeyFile, readTextOrNull } from '../../fields/ssh/read-public-keys.js';
import { hostKeyAlias, SSH_CONTAINER_PORT, type SshConfig } from '../../fields/ssh/ssh-settings.js';

export interface SshTarget {
  env: string;
  /** The Host name for ~/.ssh/config: the container name. */
  hostAlias: string;
  hostKeyAlias: string;
  hostName: string;
  port: number;
  user: string;
  /** `ssh.identity_file`, else the private key next to a listed .pub, else next to a ~/.ssh/*.pub the environment
   *  authorizes; null = let ssh choose. */
  identityFile: string | null;
  /** `ssh.identity_file` when no such file exists on this machine (identityFile is then the fallback); else null. */
  missingIdentityFile: string | null;
  knownHostsFile: string;
  /** False when envctl could not read the host key (sshd has not run yet): the first connection would fail. */
  hostKeyKnown: boolean;
}

/** Where the published port is reached from here: the given IP, else the engine's host for a remote DOCKER_HOST. */
export function sshHostName(hostIp: string, dockerHost = process.env.DOCKER_HOST ?? ''): string {
  if (hostIp !== '0.0.0.0' && hostIp !== '::') return hostIp;
  const m = /^(?:tcp|ssh|http|https):\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)/.exec(dockerHost.trim());
  return m?.[1] ? m[1].replace(/^\[|\]$/g, '') : '127.0.0.1';
}

/** The private key to offer, and the spec's explicit `ssh.identity_file` when it is missing here (to be named). */
export interface FoundIdentity {
  /** null = none found: ssh tries its own keys. */
  path: string | null;
  /** Only the explicit `identity_file`: the private halves of listed .pub files are guesses, silent when absent. */
  missing: string | null;
}

/**
 * The first of the spec's own candidates that exists (`ssh.identity_file`, then the private halves of the listed .pub
 * files), else the private half of the first ~/.ssh/*.pub whose key the environment authorizes.
 */
export function findIdentityFile(
  authorizedKeys: readonly string[],
  spec: Pick<SshConfig, 'identityFile' | 'identityFiles'> = {},
  homeDir = homedir(),
): FoundIdentity {
  const missing = spec.identityFile !== undefined && !existsSync(spec.identityFile) ? spec.identityFile : null;
  const given = (spec.identityFiles ?? []).find((path) => existsSync(path));
  if (given !== undefined) return { path: given, missing };
  const wanted = new Set(authorizedKeys.map((k) => k.split(' ').slice(0, 2).join(' ')));
  for (const pub of defaultPublicKeyFiles(homeDir)) {
    const keys = parseKeyFile(readTextOrNull(pub) ?? '').keys.map((k) => k.split(' ').slice(0, 2).join(' '));
    const priv = pub.slice(0, -'.pub'.length);
    if (keys.some((k) => wanted.has(k)) && existsSync(priv)) return { path: priv, missing };
  }
  return { path: null, missing };
}

/**
 * null port = the container is not running with a bound port (nothing to connect to). `env`: the container as
 * observed (what runs); `keys`: the spec's own key candidates (SshConfig.identityFile(s)). `dockerHost`: the
 * address of the engine the container runs on (a `hosts:` entry's); null = DOCKER_HOST.
 */
export async function resolveSshTarget(
  engine: Engine & ContainerFiles,
  env: CanonicalEnv,
  containerId: string,
  dockerHost: string | null = null,
  keys: Pick<SshConfig, 'identityFile' | 'identityFiles'> = {},
): Promise<SshTarget | null> {
  const ssh = env.ssh;
  if (ssh === null) return null;
  const port = ssh.port ?? ssh.chosenPort ?? (await engine.publishedPort(containerId, `${SSH_CONTAINER_PORT}/tcp`));
  if (port === null) return null;
  const alias = hostKeyAlias(env.containerName);
  const knownHostsFile = knownHostsPath();
  const key = await waitForHostKey(engine, containerId, 0);
  if (key !== null) recordKnownHost(alias, key, knownHostsFile);
  const identity = findIdentityFile(ssh.authorizedKeys, keys);
  return {
    env: env.name,
    hostAlias: env.containerName,
    hostKeyAlias: alias,
    hostName: sshHostName(ssh.hostIp, dockerHost ?? undefined),
    port,
    user: ssh.user,
    identityFile: identity.path,
    missingIdentityFile: identity.missing,
    knownHostsFile,
    hostKeyKnown: key !== null,
  };
}

/** Arguments for the system ssh: strict host key checking against envctl's own known_hosts. */
export function sshArgs(target: SshTarget, command: readonly string[]): string[] {
  return [
    '-p',
    String(target.port),
    '-o',
    `UserKnownHostsFile=${target.knownHostsFile}`,
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `HostKeyAlias=${target.hostKeyAlias}`,
    ...(target.identityFile === null ? [] : ['-i', target.identityFile, '-o', 'IdentitiesOnly=yes']),
    `${target.user}@${target.hostName}`,
    ...command,
  ];
}
