// The plan's dependency graph as text (`envctl plan --graph`, the golden fixtures): each action's steps, their edges,
// and what the executor does with them (an engine-loading step waits for a slot; Ctrl-C finishes or undoes some).
import type { Action, Plan, Step } from '../../plan/plan-types.js';

/**
 * One line per step of `action`: `step <kind>  after <what it waits for>  [<how it is run>]`. A wait for a step of
 * the same action names that step's kind; a wait for another action's last step names that action.
 */
export function formatActionSteps(plan: Plan, action: Action): string[] {
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const lastOf = new Map(plan.steps.map((s) => [s.action, s.id]));
  const name = (id: string): string => {
    const step = byId.get(id);
    if (step === undefined) return id;
    if (step.action === action.id) return step.kind;
    return lastOf.get(step.action) === id ? step.action : id;
  };
  const steps = plan.steps.filter((s) => s.action === action.id);
  const width = Math.max(...steps.map((s) => s.kind.length));
  return steps.map((step) => {
    const after = step.dependsOn.length > 0 ? `  after ${step.dependsOn.map(name).join(', ')}` : '';
    const how = flags(step, name);
    return `step ${step.kind.padEnd(width)}${after}${how.length > 0 ? `  [${how.join('; ')}]` : ''}`.trimEnd();
  });
}

function flags(step: Step, name: (id: string) => string): string[] {
  const out: string[] = [];
  if (step.loadsEngine) out.push('engine');
  if (step.undoneUnlessStarted !== undefined) out.push(`undone on Ctrl-C before ${name(step.undoneUnlessStarted)}`);
  if (step.finishesAfterInterrupt) out.push('finishes after Ctrl-C');
  return out;
}
