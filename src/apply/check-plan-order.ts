// Refuses a plan whose dependencies do not point backwards: the executor's no-deadlock argument needs that order.
import { EnvctlError } from '../errors/envctl-error.js';
import type { Action } from '../plan/plan-types.js';

/**
 * Every `dependsOn` must name an action that comes EARLIER in the plan, and ids must be unique. The planner guarantees
 * this; a plan that breaks it is a bug, reported before anything runs instead of hanging half-way.
 */
export function checkPlanOrder(actions: readonly Action[]): void {
  const seen = new Set<string>();
  for (const action of actions) {
    if (seen.has(action.id)) throw new EnvctlError('internal', `the plan has two actions with the id "${action.id}"`);
    for (const dep of action.dependsOn) {
      if (!seen.has(dep)) {
        throw new EnvctlError(
          'internal',
          `the plan is not in dependency order: "${action.id}" depends on "${dep}", which does not come before it`,
        );
      }
    }
    seen.add(action.id);
  }
}
