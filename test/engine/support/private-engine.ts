// A private, disposable Docker Engine for tests that must disturb an engine (restart it mid-apply) or need one
// configured differently (no GPU support): its own socket, data-root and exec-root, no bridge, no iptables.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { TEST_IMAGE } from './test-image.js';
import { processAlive } from '../../support/process-alive.js';
import { waitFor } from '../../support/wait-for.js';

/** Where scripts/engine-up.sh puts the stand-in nvidia-container-runtime-hook. */
const GPU_HOOK_DIR = '/var/lib/envctl-engine/bin';

export interface PrivateEngine {
  /** DOCKER_HOST value for this engine. */
  readonly host: string;
  readonly dir: string;
  /** Environment for child processes (envctl, docker CLI) that should talk to this engine. */
  readonly env: Record<string, string>;
  /** Stops the daemon and starts it again on the same data (containers survive, as after a host reboot). */
  restart(): Promise<void>;
  /** Freezes the daemon (SIGSTOP): its socket still accepts connections, nothing answers — a hung engine. */
  freeze(): void;
  /** Lets a frozen daemon go on (SIGCONT). */
  thaw(): void;
  /** Stops the daemon and removes everything it had. */
  dispose(): Promise<void>;
}

async function waitForAnswer(host: string, seconds: number): Promise<void> {
  const answers = async () => (await execa('docker', ['version', '--format', '{{.Server.Version}}'], { env: { DOCKER_HOST: host }, reject: false })).exitCode === 0;
  await waitFor(answers, { timeoutMs: seconds * 1000, intervalMs: 250, what: `the private dockerd on ${host} to answer` });
}

function daemonPid(pidFile: string): number {
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!pid) throw new Error(`no dockerd pid in ${pidFile}`);
  return pid;
}

async function stopDaemon(pidFile: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  try {
    await waitFor(() => !processAlive(pid), { timeoutMs: 30_000, intervalMs: 100, what: `dockerd ${pid} to stop` });
  } catch {
    process.kill(pid, 'SIGKILL'); // not a failure of the test: a daemon that does not stop in 30 s is killed
  }
}

/**
 * Starts a private dockerd (root only). `gpu: false` leaves the NVIDIA hook off its PATH and no nvidia runtime in
 * its config — an engine without GPU support, exactly as on a machine without nvidia-container-toolkit.
 */
export async function startPrivateEngine(options: { gpu?: boolean } = {}): Promise<PrivateEngine> {
  // Short path: unix socket paths are limited to ~108 bytes.
  const dir = mkdtempSync('/tmp/envctl-pe-');
  const sock = join(dir, 'docker.sock');
  const host = `unix://${sock}`;
  const pidFile = join(dir, 'docker.pid');
  const config = join(dir, 'daemon.json');
  writeFileSync(config, JSON.stringify(options.gpu ? { runtimes: { nvidia: { path: 'runc' } } } : {}));
  const path = options.gpu ? `${GPU_HOOK_DIR}:${process.env.PATH ?? ''}` : (process.env.PATH ?? '').split(':').filter((p) => p !== GPU_HOOK_DIR).join(':');

  const launch = async () => {
    const log = openSync(join(dir, 'dockerd.log'), 'a');
    // In its own network namespace: dockerd started with --bridge=none DELETES the host's docker0
    // (removeDefaultBridgeInterface), which would break every container of the shared engine.
    const child = spawn(
      'unshare',
      ['--net', 'dockerd', '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '--pidfile', pidFile, '-H', host,
        '--bridge=none', '--iptables=false', '--ip-masq=false', '--config-file', config],
      { detached: true, stdio: ['ignore', log, log], env: { ...process.env, PATH: path } },
    );
    child.unref();
    await waitForAnswer(host, 60);
  };

  await launch();
  const tar = join(dir, 'image.tar');
  await execa('docker', ['save', '-o', tar, TEST_IMAGE]);
  await execa('docker', ['load', '-i', tar], { env: { DOCKER_HOST: host } });
  rmSync(tar);

  return {
    host,
    dir,
    env: { DOCKER_HOST: host },
    async restart() {
      await stopDaemon(pidFile);
      await launch();
    },
    freeze() {
      process.kill(daemonPid(pidFile), 'SIGSTOP');
    },
    thaw() {
      process.kill(daemonPid(pidFile), 'SIGCONT');
    },
    async dispose() {
      // A frozen daemon would ignore SIGTERM until thawed.
      try {
        process.kill(daemonPid(pidFile), 'SIGCONT');
      } catch {
        // Not running (or no pid file): nothing to thaw.
      }
      await stopDaemon(pidFile);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
