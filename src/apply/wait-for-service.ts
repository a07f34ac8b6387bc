// The convergence wait after a service create or update: reads each round of the run's convergence watch until the
// service's tasks run the new spec, with live progress ("web: 3/4 running"), its own time limit, and the tasks' own
// errors when it cannot get there.
import type { Engine, ObservedNode, ObservedTask } from '../engine/engine.js';
import { EnvctlError } from '../errors/envctl-error.js';
import { throwIfInterrupted } from '../errors/interrupted.js';
import type { ActionOf } from '../plan/plan-types.js';
import { ConvergenceWatch } from './convergence-watch.js';
import { readConvergence, type ConvergenceReading, type UpdateBaseline } from './read-convergence.js';
import type { RunActionContext } from './run-action.js';

/** Default limit of the wait (apply --wait-timeout). */
export const DEFAULT_CONVERGE_TIMEOUT_MS = 300_000;
/**
 * How long a task may stay pending with "no suitable node" before the wait gives up: long enough for what frees a
 * place by itself (the tasks of a service just removed still holding a host port, a node joining).
 */
export const UNPLACEABLE_GRACE_MS = 10_000;

export async function waitForService(action: ActionOf<'create-service' | 'update-service'>, engine: Engine, context: RunActionContext): Promise<void> {
  const goal = action.converge;
  const name = goal.service;
  const doing = `wait for service ${name}`;
  const stopped = 'the service is as sent; the swarm goes on converging it (`envctl status` shows how far)';
  const watch = context.convergence ?? new ConvergenceWatch(engine);
  let baseline: UpdateBaseline | null = null;
  let reading: ConvergenceReading | null = null;
  const pendingSince = new Map<string, number>();
  const timeoutMs = context.convergeTimeoutMs ?? DEFAULT_CONVERGE_TIMEOUT_MS;
  const deadline = performance.now() + timeoutMs;

  for (;;) {
    throwIfInterrupted(context.signal, doing, stopped);
    const seen = await watch.next(name, context.signal);
    throwIfInterrupted(context.signal, doing, stopped);
    if (seen === null) throw context.signal?.reason;
    const { service, tasks } = seen;
    if (service === null) {
      throw new EnvctlError('not-found', `service ${name} was removed while envctl waited for it to converge`, {
        hint: 'something else removed it (`docker service rm`, another apply or destroy); `envctl plan` shows what is there now, `envctl apply` makes it again',
      });
    }
    baseline ??= action.kind === 'create-service' ? { state: null, message: '' } : { state: service.updateState, message: service.updateMessage };
    reading = readConvergence(goal, service, tasks, baseline, pendingSince, performance.now(), context.unplaceableGraceMs ?? UNPLACEABLE_GRACE_MS);
    context.report(`${reading.running}/${reading.wanted} running${reading.note === '' ? '' : ` — ${reading.note}`}`);
    if (reading.failure !== null) throw new EnvctlError('apply-failed', `service ${name}: ${reading.failure}`, { hint: failureHint(reading) });
    if (reading.done) {
      context.report(placement(tasks, await seen.nodes()));
      return;
    }
    if (performance.now() >= deadline) break;
  }
  const r = reading as ConvergenceReading | null;
  const seen = r === null ? '' : ` (${r.running}/${r.wanted} running${r.errors.length > 0 ? `; last task error: ${r.errors[0]}` : ''})`;
  throw new EnvctlError('apply-failed', `service ${name} did not converge within ${Math.round(timeoutMs / 1000)} s${seen}; the swarm goes on trying`, {
    hint: 'see `envctl status` and `docker service ps` for its tasks; raise the limit with `envctl apply --wait-timeout`',
  });
}

function failureHint(r: ConvergenceReading): string {
  if (r.rolledBack) return 'the service runs its previous spec again; fix the spec and apply again';
  if (/no suitable node/i.test(r.failure ?? '')) return 'relax deploy.placement / deploy.resources.reservations, or add a node that meets them (`docker node ls`)';
  if (/image cannot be had/.test(r.failure ?? '')) return 'push the image to a registry every node can pull from, and name it with that registry';
  return 'see `docker service ps --no-trunc` for the tasks';
}

/** "3 running on envctl-swarm-worker1 ×2, envctl-swarm-worker2" once converged, from the round that saw it. */
function placement(tasks: readonly ObservedTask[], nodes: readonly ObservedNode[]): string {
  const hostOf = new Map(nodes.map((n) => [n.id, n.hostname]));
  const running = tasks.filter((t) => t.desiredState === 'running' && t.state === 'running');
  const counts = new Map<string, number>();
  for (const t of running) counts.set(hostOf.get(t.nodeId) ?? t.nodeId, (counts.get(hostOf.get(t.nodeId) ?? t.nodeId) ?? 0) + 1);
  const where = [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([host, n]) => (n > 1 ? `${host} ×${n}` : host));
  return `${running.length} running on ${where.join(', ') || 'no node'}`;
}
