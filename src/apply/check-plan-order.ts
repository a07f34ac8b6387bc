// Refuses a plan whose dependencies do not point backwards, or whose steps do not match its actions: a planner bug.
import { EnvctlError } from '../errors/envctl-error.js';
import type { Plan } from '../plan/plan-types.js';

/**
 * Every `dependsOn` must name an action (or step) that comes EARLIER in the plan, and ids must be unique. The planner
 * guarantees this; a plan that breaks it is a bug, reported before anything runs instead of hanging half-way.
 */
export function checkPlanOrder(items: readonly { id: string; dependsOn: readonly string[] }[], what: 'action' | 'step' = 'action'): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.id)) throw new EnvctlError('internal', `the plan has two ${what}s with the id "${item.id}"`);
    for (const dep of item.dependsOn) {
      if (!seen.has(dep)) {
        throw new EnvctlError(
          'internal',
          `the plan is not in dependency order: "${item.id}" depends on "${dep}", which does not come before it`,
        );
      }
    }
    seen.add(item.id);
  }
}

/** Actions and steps in order, every step part of an action of the plan, every action made of at least one step. */
export function checkPlanSteps(plan: Plan): void {
  checkPlanOrder(plan.actions);
  checkPlanOrder(plan.steps, 'step');
  const actions = new Set(plan.actions.map((a) => a.id));
  const stepIds = new Set(plan.steps.map((s) => s.id));
  for (const step of plan.steps) {
    if (!actions.has(step.action)) throw new EnvctlError('internal', `the plan's step "${step.id}" belongs to no action of the plan`);
    for (const ref of [step.uses, step.undoneUnlessStarted]) {
      if (ref !== undefined && !stepIds.has(ref)) throw new EnvctlError('internal', `the plan's step "${step.id}" refers to "${ref}", which is no step of the plan`);
    }
  }
  const withSteps = new Set(plan.steps.map((s) => s.action));
  const bare = plan.actions.find((a) => !withSteps.has(a.id));
  if (bare !== undefined) throw new EnvctlError('internal', `the plan's action "${bare.id}" has no steps`);
}
