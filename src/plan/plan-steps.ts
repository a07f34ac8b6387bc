// The plan's dependency graph of steps: each action expanded into the steps the executor runs, wired by its dependsOn.
import type { Action, Step } from './plan-types.js';
import { recreateSteps } from './recreate-steps.js';

/** Pulls, builds and container creates load the engine (see Step.loadsEngine); a create also starts its container. */
const LOADS_ENGINE = new Set<Action['kind']>(['pull', 'build', 'create']);

/**
 * Steps in plan order. Within an action each step waits for the one before it; an action's first step waits for the
 * last step of every action it depends on, so the graph has exactly the order the actions have, only finer.
 */
export function planSteps(actions: readonly Action[]): Step[] {
  const byAction = new Map(actions.map((a) => [a.id, stepsOf(a)]));
  return actions.flatMap((action) => {
    const steps = byAction.get(action.id)!;
    const waits = action.dependsOn.flatMap((id) => {
      const last = byAction.get(id)?.at(-1);
      return last ? [last.id] : [];
    });
    steps[0]!.dependsOn.unshift(...waits);
    return steps;
  });
}

function stepsOf(action: Action): Step[] {
  if (action.kind === 'recreate') return recreateSteps(action);
  const main: Step = { id: action.id, action: action.id, kind: action.kind, dependsOn: [], loadsEngine: LOADS_ENGINE.has(action.kind) };
  if (action.kind === 'create-service' || action.kind === 'update-service') {
    // The engine takes the spec at once and converges by itself: the wait is its own step, only watching. Ctrl-C
    // during it stops the watching; the service stays as sent (one call: never half-made).
    const send: Step = { ...main, id: `${action.id}/${action.kind === 'create-service' ? 'create' : 'update'}` };
    return [send, { id: `${action.id}/converge`, action: action.id, kind: 'converge', dependsOn: [send.id], loadsEngine: false }];
  }
  if (action.kind !== 'remove' || action.ownLayer?.snapshotTag === undefined) return [main];
  // The commit comes first; the container is stopped and removed only once its work is safe in the image.
  const snapshot: Step = { id: `${action.id}/snapshot`, action: action.id, kind: 'snapshot', dependsOn: [], loadsEngine: true };
  return [snapshot, { ...main, id: `${action.id}/remove`, dependsOn: [snapshot.id] }];
}
