// The ssh feature's canonical shape and the fixed places it uses inside a container, shared by every stage.
import { LABEL_PREFIX } from '../../base/label-prefix.js';

/** What `ssh:` normalizes to, and what observe reads back (label dev.envctl.ssh plus the 22/tcp binding). */
export interface SshConfig {
  /** Who logs in (default root). */
  user: string;
  /** Host port published for container port 22, as the spec gives it; null = left out (envctl chooses: chosenPort). */
  port: number | null;
  /**
   * With `port` null: the host port envctl chose for this container at create (free then, kept across restarts and
   * recreates; in the ssh label). Set by apply just before create and read back by observe; never compared, so it is
   * no drift. Absent in a spec's desired state.
   */
  chosenPort?: number;
  /** '0.0.0.0' = all interfaces, as for `ports`. */
  hostIp: string;
  /** What to do when the image has no sshd: install it with the image's package manager, or refuse. */
  install: 'auto' | 'never';
  /** Public key lines ("type base64 [comment]"), de-duplicated and sorted; never a path (paths may be private). */
  authorizedKeys: string[];
  /**
   * Client side only (never in the container, a label or a plan): private keys `envctl ssh` and `ssh-config` offer,
   * best first — `ssh.identity_file`, then the private half next to each listed .pub file (`/keys/lab.pub` →
   * `/keys/lab`). Absent when there is none; observe never has it.
   */
  identityFiles?: string[];
  /** Client side only, like identityFiles: `ssh.identity_file` itself (resolved), so a missing one can be named. */
  identityFile?: string;
}

/** The container port sshd listens on. */
export const SSH_CONTAINER_PORT = 22;
/** Label holding the non-secret ssh settings and the entrypoint/command the wrapper runs after sshd. */
export const LABEL_SSH = `${LABEL_PREFIX}ssh`;

/** Everything envctl writes for ssh lives under this folder (root-owned, so sshd's StrictModes accepts it). */
export const SSH_DIR = '/etc/envctl/ssh';
export const SSH_ENTRYPOINT = `${SSH_DIR}/entrypoint.sh`;
export const SSH_START_SCRIPT = `${SSH_DIR}/start-sshd.sh`;
export const SSHD_CONFIG = `${SSH_DIR}/sshd_config`;
export const SSH_AUTHORIZED_KEYS_DIR = `${SSH_DIR}/authorized_keys`;
/** A login shell sources this to get the container's environment back (Debian's /etc/profile resets PATH). */
export const SSH_PROFILE_SCRIPT = '/etc/profile.d/envctl-ssh-env.sh';
/** Mount point of the per-environment host key volume: the same keys after every recreate. */
export const SSH_HOSTKEYS_DIR = `${SSH_DIR}/hostkeys`;
export const SSH_HOST_KEY_PUB = `${SSH_HOSTKEYS_DIR}/ssh_host_ed25519_key.pub`;
/** Paths whose presence says the container can run sshd. */
export const SSHD_BINARIES = ['/usr/sbin/sshd', '/usr/bin/sshd', '/sbin/sshd'] as const;

/** `<project>-<env>-ssh-hostkeys`: labelled with the project and env, kept across recreate and destroy. */
export function hostKeyVolumeName(project: string, envName: string): string {
  return `${project}-${envName}-ssh-hostkeys`;
}

/** The name known_hosts entries are filed under (ssh -o HostKeyAlias), so a changed host or port never matters. */
export function hostKeyAlias(containerName: string): string {
  return `envctl-${containerName}`;
}

/** Whether a container (as observed) mounts this host key volume: observe shows it as `ssh`, not among the mounts. */
export function usesHostKeyVolume(config: { project: string; name: string; ssh: SshConfig | null }, volume: string): boolean {
  return config.ssh !== null && hostKeyVolumeName(config.project, config.name) === volume;
}
