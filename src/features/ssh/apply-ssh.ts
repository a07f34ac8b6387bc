// The executor's ssh steps around creating a container: host key volume before, files in after, sshd installed once
// the container may start, host key recorded once it runs. The planner decided everything; these only carry it out.
import type { ContainerFiles } from '../../engine/container-files.js';
import { hasContainerFiles } from '../../engine/container-files.js';
import type { Engine, ImageInfo } from '../../engine/engine.js';
import { LABEL_ENV } from '../../engine/labels.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import type { CanonicalEnv } from '../../fields/canonical-env.js';
import { INSTALL_SSHD_SCRIPT, installLog, NO_PACKAGE_MANAGER, saveInstallLog } from './install-sshd.js';
import { SSH_INSTALLED_PATHS_FILE } from '../../fields/ssh/managed-paths.js';
import { installedPaths } from './ssh-install-record.js';
import { hostKeyOf, recordKnownHost } from './known-hosts.js';
import { sshFiles } from './ssh-container-files.js';
import { runAsUser } from '../../fields/ssh/ssh-create-options.js';
import { hostKeyAlias, hostKeyVolumeName, SSH_HOST_KEY_PUB, SSH_START_SCRIPT, SSHD_BINARIES, type SshConfig } from '../../fields/ssh/ssh-settings.js';

const HOST_KEY_WAIT_MS = 15_000;

export interface SshSteps {
  /** Before create: the labelled host key volume (else the engine would make an unlabelled one for the bind). */
  beforeCreate(): Promise<void>;
  /** After create, before any start: files in; sshd found or to be installed; the login user exists. True when the
   *  image has no sshd, so beforeState must install it. */
  afterCreate(id: string, image: ImageInfo): Promise<boolean>;
  /** Once the container may hold its ports (after a recreate's rename): install sshd if afterCreate found none. */
  beforeState(id: string, sshdMissing: boolean): Promise<void>;
  /** After the container reached its state: record the host key in envctl's known_hosts when it runs. */
  afterState(id: string): Promise<void>;
}

/** null when the environment has no ssh. A recreate runs these in separate steps, so they keep no state. */
export function sshSteps(engine: Engine, env: CanonicalEnv, report: (line: string) => void): SshSteps | null {
  const ssh = env.ssh;
  if (ssh === null) return null;
  if (!hasContainerFiles(engine)) throw new EnvctlError('internal', 'this engine connection cannot copy files into containers, which ssh needs');
  const files: ContainerFiles = engine;

  return {
    async beforeCreate() {
      const name = hostKeyVolumeName(env.project, env.name);
      if ((await engine.inspectVolume(name)) !== null) return;
      await engine.createVolume({ name, driver: 'local', driverOpts: {}, labels: { [LABEL_ENV]: env.name }, declared: false }, env.project);
    },

    async afterCreate(id, image) {
      try {
        await files.putFiles(id, '/', sshFiles(ssh));
        const needsInstall = !(await hasSshd(files, id));
        if (needsInstall && ssh.install === 'never') {
          throw new EnvctlError('not-found', `image ${env.image} has no sshd (looked for ${SSHD_BINARIES.join(', ')}) and ssh.install is never`, {
            hint: 'use an image with openssh-server, or set `ssh.install: auto` to let envctl install it',
          });
        }
        await requireUser(files, id, ssh, env.image);
        if (runAsUser(env, image) !== '' && !(await hasAny(files, id, SETPRIV_BINARIES))) {
          throw new EnvctlError('not-found', `image ${env.image} has no setpriv (util-linux), which ssh needs to run the container's process as user "${runAsUser(env, image)}" after starting sshd as root`, {
            hint: 'install util-linux in the image, or leave `user:` out (`ssh.user` chooses who logs in)',
          });
        }
        return needsInstall;
      } catch (error) {
        // The new container is not what the spec asks for: leave nothing half-made behind.
        await engine.removeContainer(id).catch(() => undefined);
        throw error;
      }
    },

    async beforeState(id, sshdMissing) {
      if (!sshdMissing) return;
      try {
        report(`installing openssh-server into ${env.containerName} (the image has no sshd)`);
        await engine.startContainer(id);
        // One progress line per phase, not the package manager's hundred; its output is kept for a failure.
        const log = installLog(report);
        const code = await files.execInContainer(id, ['/bin/sh', '-c', INSTALL_SSHD_SCRIPT], (line) => log.onLine(line));
        if (code !== 0) {
          const saved = saveInstallLog(log, env.containerName);
          const last = log.tail(3).map((l) => l.trim()).join(' / ');
          throw new EnvctlError('apply-failed', code === NO_PACKAGE_MANAGER
            ? `cannot install openssh-server into ${env.containerName}: image ${env.image} has no apt-get, apk, dnf or yum`
            : `installing openssh-server into ${env.containerName} failed (exit code ${code})${last === '' ? '' : `: ${last}`}`, {
            hint: `${saved === null ? '' : `the full output is in ${saved}; `}use an image that has openssh-server, or check that the container reaches its package mirror`,
          });
        }
        // Recorded before anyone can work in the container: what the package manager changed is envctl's, not theirs.
        const installed = installedPaths(await engine.containerChanges(id));
        const record = { path: SSH_INSTALLED_PATHS_FILE.slice(1), type: 'file' as const, mode: 0o644, uid: 0, gid: 0, content: `${installed.join('\n')}\n` };
        await files.putFiles(id, '/', [record]);
        await files.execInContainer(id, [SSH_START_SCRIPT], report);
        if (env.state !== 'running') await engine.stopContainer(id);
      } catch (error) {
        // Most often the real cause is not the install: the container's own process exited (a missing entrypoint, say)
        // and the restart policy keeps restarting it. Say that, while the container can still be asked.
        const exited = await describeEarlyExit(engine, id, env.containerName);
        await engine.stopContainer(id).catch(() => undefined);
        await engine.removeContainer(id).catch(() => undefined);
        if (exited !== null) {
          throw new EnvctlError('apply-failed', `${exited}; the new container was removed`, {
            hint: `check \`entrypoint\` and \`command\` (image ${env.image} must have what they run), then \`envctl apply\` creates it again`,
            cause: error,
          });
        }
        const e = error instanceof EnvctlError ? error : new EnvctlError('apply-failed', `installing openssh-server into ${env.containerName} failed: ${String((error as Error).message ?? error)}`);
        throw new EnvctlError(e.code, `${e.message}; the new container was removed`, {
          hint: `${e.hint ?? 'fix the cause'}, then \`envctl apply\` creates it again`,
          cause: error,
        });
      }
    },

    async afterState(id) {
      if (env.state !== 'running') return;
      const key = await waitForHostKey(files, id);
      if (key === null) {
        report('sshd has not made its host key yet; `envctl ssh` records it later');
        return;
      }
      recordKnownHost(hostKeyAlias(env.containerName), key);
    },
  };
}

const SETPRIV_BINARIES = ['/usr/bin/setpriv', '/bin/setpriv', '/usr/sbin/setpriv', '/sbin/setpriv'];

async function hasAny(files: ContainerFiles, id: string, paths: readonly string[]): Promise<boolean> {
  for (const path of paths) if (await files.pathExists(id, path)) return true;
  return false;
}

function hasSshd(files: ContainerFiles, id: string): Promise<boolean> {
  return hasAny(files, id, SSHD_BINARIES);
}

async function requireUser(files: ContainerFiles, id: string, ssh: SshConfig, image: string): Promise<void> {
  if (ssh.user === 'root') return;
  const passwd = (await files.readContainerFile(id, '/etc/passwd'))?.toString('utf8') ?? '';
  if (!passwd.split('\n').some((line) => line.split(':')[0] === ssh.user)) {
    throw new EnvctlError('not-found', `ssh.user "${ssh.user}" does not exist in image ${image}`, {
      hint: 'create the user in the image, or log in as root (the default)',
    });
  }
}

/** The wrapper makes the host key at first start, a moment after start returns. */
export async function waitForHostKey(files: ContainerFiles, id: string, timeoutMs = HOST_KEY_WAIT_MS): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pub = await files.readContainerFile(id, SSH_HOST_KEY_PUB);
    const key = pub === null ? null : hostKeyOf(pub.toString('utf8'));
    if (key !== null || Date.now() >= deadline) return key;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** "container x stopped right after it started (exit code 127: …)" when its own process is not running; else null. */
async function describeEarlyExit(engine: Engine, id: string, name: string): Promise<string | null> {
  const c = await engine.inspectContainer(id).catch(() => null);
  if (c === null || c.status === 'running' || c.status === 'paused') return null;
  const why = c.exitCode === 127 ? ': a program its entrypoint/command runs was not found' : c.error ? `: ${c.error}` : '';
  return `container ${name} stopped right after it started (${c.status}, exit code ${c.exitCode}${why})`;
}
