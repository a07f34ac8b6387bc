// Use-case behind `envctl status`: each environment's container, state, image, ports and whether it drifted.
import type { Engine, ObservedContainer } from '../engine/engine.js';
import type { PortBinding } from '../fields/canonical-env.js';
import type { DesiredState } from '../spec/desired-state.js';
import { planDesired } from './run-plan.js';
import { hasContainerFiles } from '../engine/container-files.js';
import { SSH_CONTAINER_PORT } from '../fields/ssh/ssh-settings.js';

export interface EnvStatus {
  env: string;
  container: string | null;
  id: string | null;
  /** Engine status (running, exited, paused …) or 'missing'. */
  state: string;
  wanted: string;
  image: string;
  ports: PortBinding[];
  /**
   * Where the environment's sshd is reached, when it has ssh: the spec's port, or the one envctl chose; null only for a
   * container made by an older envctl with an engine-chosen port that is not running (it has none then).
   */
  ssh: { hostIp: string; port: number | null } | null;
  /** True when the next apply would change something for this environment. */
  drift: boolean;
  /** What the next apply would do about it. */
  pending: string[];
  /** The engine's last error for this container, when it failed to start. */
  error: string;
  /** The `hosts:` entry it runs on; absent = the default engine. */
  host?: string;
}

export interface ProjectStatus {
  project: string;
  environments: EnvStatus[];
  /** Containers of the project that the spec no longer has. */
  orphans: string[];
}

function pick(containers: ObservedContainer[], name: string, containerName: string): ObservedContainer | undefined {
  const mine = containers.filter((c) => c.envName === name);
  return mine.find((c) => c.name === containerName) ?? mine[0];
}

/** Status for a loaded spec (or one engine's part of it). */
export async function runStatusDesired(desired: DesiredState, engine: Engine): Promise<ProjectStatus> {
  const { observed, plan } = await planDesired(engine, desired);
  const sshPorts = await liveSshPorts(engine, observed.containers);
  const environments = desired.environments.map((env): EnvStatus => {
    const c = pick(observed.containers, env.name, env.containerName);
    const pending = plan.actions.filter((a) => a.resource === `env:${env.name}`).map((a) => `${a.kind}: ${a.cause}`);
    const conflict = plan.conflicts.find((x) => x.resource === `env:${env.name}`);
    if (conflict) pending.push(`conflict: ${conflict.message}`);
    return {
      env: env.name,
      container: c?.name ?? null,
      id: c ? c.id.slice(0, 12) : null,
      state: c?.status ?? 'missing',
      wanted: env.state,
      image: c?.config.image ?? env.image,
      ports: c?.config.ports ?? [],
      ssh: c?.config.ssh ? { hostIp: c.config.ssh.hostIp, port: c.config.ssh.port ?? c.config.ssh.chosenPort ?? sshPorts.get(c.id) ?? null } : null,
      drift: pending.length > 0,
      pending,
      error: c?.error ?? '',
    };
  });
  const wanted = new Set(desired.environments.map((e) => e.name));
  const orphans = observed.containers.filter((c) => c.envName === null || !wanted.has(c.envName)).map((c) => c.name).sort();
  return { project: desired.project, environments, orphans };
}

/**
 * The engine-chosen ssh port of running containers made before envctl chose ssh ports itself (one extra inspect
 * each; none for a container whose port is in its config).
 */
async function liveSshPorts(engine: Engine, containers: readonly ObservedContainer[]): Promise<Map<string, number>> {
  const ports = new Map<string, number>();
  if (!hasContainerFiles(engine)) return ports;
  const legacy = containers.filter((c) => c.status === 'running' && c.config.ssh !== null && c.config.ssh.port === null && c.config.ssh.chosenPort === undefined);
  for (const c of legacy) {
    const port = await engine.publishedPort(c.id, `${SSH_CONTAINER_PORT}/tcp`);
    if (port !== null) ports.set(c.id, port);
  }
  return ports;
}
