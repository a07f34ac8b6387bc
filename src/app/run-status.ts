// Use-case behind `envctl status`: each environment's container, state, image, ports and whether it drifted.
import type { Engine, ObservedContainer } from '../engine/engine.js';
import type { CanonicalEnv, PortBinding } from '../fields/canonical-env.js';
import type { Plan } from '../plan/plan-types.js';
import type { DesiredState } from '../spec/desired-state.js';
import { planDesired } from './run-plan.js';
import { hasContainerFiles } from '../engine/container-files.js';
import { SSH_CONTAINER_PORT } from '../fields/ssh/ssh-settings.js';
import { isService } from '../plan/service-config.js';
import { readServiceStatuses, type ServiceStatus } from './service-status.js';

export type { ServiceStatus };

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
  /** An environment with deploy: — its Swarm service (null when there is none yet). */
  service?: ServiceStatus | null;
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
  const [sshPorts, services] = await Promise.all([
    liveSshPorts(engine, observed.containers),
    readServiceStatuses(engine, (observed.services ?? []).filter((s) => desired.environments.some((e) => e.name === s.envName))),
  ]);
  const environments = desired.environments.map((env): EnvStatus => {
    if (isService(env)) return serviceEnvStatus(env, services.get(env.name) ?? null, pendingOf(plan, env.name));
    const c = pick(observed.containers, env.name, env.containerName);
    const pending = pendingOf(plan, env.name);
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
  const containerEnvs = new Set(desired.environments.filter((e) => !isService(e)).map((e) => e.name));
  const orphans = [
    ...observed.containers.filter((c) => c.envName === null || !containerEnvs.has(c.envName)).map((c) => c.name),
    ...(observed.services ?? []).filter((s) => s.envName === null || !wanted.has(s.envName) || containerEnvs.has(s.envName)).map((s) => `${s.name} (service)`),
  ].sort();
  return { project: desired.project, environments, orphans };
}

/**
 * The engine-chosen ssh port of running containers made before envctl chose ssh ports itself (one extra inspect
 * each, in parallel like observe's; none for a container whose port is in its config).
 */
async function liveSshPorts(engine: Engine, containers: readonly ObservedContainer[]): Promise<Map<string, number>> {
  const ports = new Map<string, number>();
  if (!hasContainerFiles(engine)) return ports;
  const legacy = containers.filter((c) => c.status === 'running' && c.config.ssh !== null && c.config.ssh.port === null && c.config.ssh.chosenPort === undefined);
  await Promise.all(
    legacy.map(async (c) => {
      const port = await engine.publishedPort(c.id, `${SSH_CONTAINER_PORT}/tcp`);
      if (port !== null) ports.set(c.id, port);
    }),
  );
  return ports;
}

function pendingOf(plan: Plan, envName: string): string[] {
  const pending = plan.actions.filter((a) => a.resource === `env:${envName}`).map((a) => `${a.kind}: ${a.cause}`);
  const conflict = plan.conflicts.find((x) => x.resource === `env:${envName}`);
  if (conflict) pending.push(`conflict: ${conflict.message}`);
  return pending;
}

function serviceEnvStatus(env: CanonicalEnv, service: ServiceStatus | null, pending: string[]): EnvStatus {
  return {
    env: env.name,
    container: service?.name ?? null,
    id: service?.id ?? null,
    state: service === null ? 'missing' : `${service.running}/${service.desired} running`,
    wanted: service === null ? 'service' : `${service.desired}/${service.desired} running`,
    image: env.image,
    ports: env.ports,
    ssh: null,
    drift: pending.length > 0,
    pending,
    error: service?.error ?? '',
    service,
  };
}
