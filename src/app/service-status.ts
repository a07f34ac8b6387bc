// `status` of an environment that is a Swarm service: its replicas (wanted, running) and the nodes its tasks run on,
// from the service list already read plus its tasks and the swarm's nodes.
import type { Engine } from '../engine/engine.js';
import type { ObservedService, ObservedTask } from '../engine/engine.js';

export interface ServiceStatus {
  name: string;
  id: string;
  mode: 'replicated' | 'global';
  /** Tasks wanted (the replicas; for a global service one per eligible node). */
  desired: number;
  running: number;
  /** Where the running tasks are, by node hostname, sorted. */
  nodes: { node: string; tasks: number }[];
  /** The newest task error, when a task failed or cannot be placed ('' if none). */
  error: string;
}

/**
 * The tasks of each of `services`, in their order: one call for all. When one went since the service list, the engine
 * refuses that call; one call per service then says which.
 */
export async function listTasksBy(engine: Engine, services: readonly ObservedService[]): Promise<ObservedTask[][]> {
  const all = await engine.listTasksOfServices(services.map((s) => s.id));
  if (all === null) return Promise.all(services.map((s) => engine.listServiceTasks(s.id)));
  return services.map((s) => all.filter((t) => t.serviceId === s.id));
}

/** One call for the nodes, one for the tasks of all the services. */
export async function readServiceStatuses(engine: Engine, services: readonly ObservedService[]): Promise<Map<string, ServiceStatus>> {
  const out = new Map<string, ServiceStatus>();
  if (services.length === 0) return out;
  const [nodes, taskLists] = await Promise.all([engine.listNodes(), listTasksBy(engine, services)]);
  const hostOf = new Map(nodes.map((n) => [n.id, n.hostname]));
  services.forEach((s, i) => {
    const tasks = taskLists[i]!;
    const live = tasks.filter((t) => t.desiredState === 'running');
    const running = live.filter((t) => t.state === 'running');
    const byNode = new Map<string, number>();
    for (const t of running) {
      const host = hostOf.get(t.nodeId) ?? t.nodeId;
      byNode.set(host, (byNode.get(host) ?? 0) + 1);
    }
    const global = s.spec.Mode?.Global !== undefined;
    const errors = [...tasks].filter((t) => t.error !== '').sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
    out.set(s.envName ?? s.name, {
      name: s.name,
      id: s.id.slice(0, 12),
      mode: global ? 'global' : 'replicated',
      desired: global ? (s.desiredTasks ?? live.length) : (s.spec.Mode?.Replicated?.Replicas ?? 0),
      running: running.length,
      nodes: [...byNode.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([node, n]) => ({ node, tasks: n })),
      error: running.length < live.length ? (errors[0]?.error ?? '') : '',
    });
  });
  return out;
}

/** "envctl-swarm-worker1 ×2, envctl-swarm-worker2". */
export function describeNodes(status: ServiceStatus): string {
  return status.nodes.map((n) => (n.tasks > 1 ? `${n.node} ×${n.tasks}` : n.node)).join(', ') || '-';
}
