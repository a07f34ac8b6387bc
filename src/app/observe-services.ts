// What the engine runs of a project's services: the one service list (full specs, task counts), the project's network
// only when a service is to be made (or, for a spec without services, to be removed), and — for plan and status, when a node is down or a service short of tasks —
// where its tasks went, so the plan can say that tasks were moved.
import type { Engine, LockRecord, ObservedContainer } from '../engine/engine.js';
import type { ObservedNode, ObservedService, ObservedTask } from '../engine/engine.js';
import { inspectAll } from '../engine/observe-containers.js';
import { EnvctlError } from '../errors/envctl-error.js';
import type { ObservedState } from '../plan/observed-state.js';
import { isService } from '../plan/service-config.js';
import { listTasksBy } from './service-status.js';
import type { DesiredState } from '../spec/desired-state.js';

/**
 * The project's containers (one list call + inspects), its lock, and its services. The service list is read in
 * parallel when the spec has services; for a spec without, only when the list answer has the project's services
 * marker (the project had services: those left are orphans). A project of containers alone makes no Swarm call.
 */
export async function observeContainersAndServices(engine: Engine, desired: DesiredState, observed: ObservedState, health: boolean): Promise<{ containers: ObservedContainer[]; lock: LockRecord | null }> {
  const withServices = desired.environments.some(isService);
  const early = withServices ? observeServices(engine, desired, observed, health) : null;
  // Handled below; this keeps a refusal made while the list call is out from counting as unhandled.
  early?.catch(() => undefined);
  const listing = await engine.listProject(desired.project);
  observed.servicesMarker = listing.servicesMarker;
  const late = !withServices && listing.servicesMarker !== null ? observeServices(engine, desired, observed, false, true) : undefined;
  const [containers] = await Promise.all([inspectAll(engine, listing.containerIds), early ?? late]);
  return { containers, lock: listing.lock };
}

/**
 * Fills observed.services (and network, serviceWarnings); `health`: also read the nodes to say what moved.
 * `orphansOnly` (a spec without services): an engine that is no swarm manager (any more) has no services to remove.
 */
async function observeServices(engine: Engine, desired: DesiredState, observed: ObservedState, health: boolean, orphansOnly = false): Promise<void> {
  const services = orphansOnly ? await projectServices(engine, desired.project) : await engine.listProjectServices(desired.project);
  observed.services = services;
  const have = new Set(services.map((s) => s.envName));
  const lookups: Promise<void>[] = [];
  // A service to create needs the network; with none left in the spec, the network is to be removed.
  if (orphansOnly || desired.environments.some((e) => isService(e) && !have.has(e.name))) {
    lookups.push(engine.findProjectNetwork(desired.project).then((n) => void (observed.network = n)));
  }
  if (health && services.length > 0) lookups.push(serviceWarnings(engine, services).then((w) => void (observed.serviceWarnings = w)));
  await Promise.all(lookups);
}

/** An engine that is no swarm manager runs no services: nothing to remove there. */
export async function projectServices(engine: Engine, project: string): Promise<ObservedService[]> {
  try {
    return await engine.listProjectServices(project);
  } catch (error) {
    if (error instanceof EnvctlError && error.code === 'not-swarm-manager') return [];
    throw error;
  }
}

/** "lab-web: 1 task moved off envctl-swarm-worker2 (node down); 2/2 running" and "lab-db: 0/1 running". */
async function serviceWarnings(engine: Engine, services: readonly ObservedService[]): Promise<string[]> {
  const nodes = await engine.listNodes();
  const down = nodes.filter((n) => n.state !== 'ready');
  const short = services.filter((s) => s.runningTasks !== null && s.desiredTasks !== null && s.runningTasks < s.desiredTasks);
  if (down.length === 0 && short.length === 0) return [];
  const taskLists = down.length === 0 ? null : await listTasksBy(engine, services);
  const warnings: string[] = [];
  for (const [i, s] of services.entries()) {
    const counts = s.runningTasks === null || s.desiredTasks === null ? '' : `${s.runningTasks}/${s.desiredTasks} running`;
    const moved = taskLists === null ? null : movedTasks(taskLists[i]!, down);
    if (moved !== null && moved.parts.length > 0) warnings.push(`service ${s.name}: ${moved.parts.join('; ')}; now ${moved.running}/${s.desiredTasks ?? moved.running} running`);
    else if (short.includes(s)) warnings.push(`service ${s.name}: ${counts} (the swarm is still placing its tasks; see \`envctl status\`)`);
  }
  return warnings;
}

/** Of a service's `tasks`, those that were on a node now down and were replaced elsewhere; `running`: those running on nodes up. */
function movedTasks(tasks: readonly ObservedTask[], down: readonly ObservedNode[]): { parts: string[]; running: number } {
  const downIds = new Set(down.map((n) => n.id));
  const running = tasks.filter((t) => t.desiredState === 'running' && t.state === 'running' && !downIds.has(t.nodeId)).length;
  const parts = down.flatMap((node) => {
    const lost = tasks.filter((t) => t.nodeId === node.id && t.desiredState !== 'running' && (t.state === 'running' || t.state === 'orphaned'));
    const still = tasks.filter((t) => t.nodeId === node.id && t.desiredState === 'running');
    const parts: string[] = [];
    if (lost.length > 0) parts.push(`${lost.length} task${lost.length === 1 ? '' : 's'} rescheduled off ${node.hostname} (node ${node.state})`);
    if (still.length > 0) parts.push(`${still.length} task${still.length === 1 ? '' : 's'} still on ${node.hostname} (node ${node.state})`);
    return parts;
  });
  return { parts, running };
}
