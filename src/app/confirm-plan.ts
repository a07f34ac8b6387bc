// Decides whether a plan may run without asking, asks when it may ask, and refuses otherwise.
import { EnvctlError } from '../errors/envctl-error.js';
import type { Plan } from '../plan/plan-types.js';

const DESTRUCTIVE = new Set(['remove', 'recreate', 'remove-volume']);

function destructiveActions(plan: Plan): string[] {
  return plan.actions.filter((a) => DESTRUCTIVE.has(a.kind)).map((a) => a.id);
}

export type Confirm = (question: string) => Promise<boolean>;

/**
 * Returns true when the user was asked (time passed, so the caller re-checks the engine before acting).
 * Throws 'confirmation-required' when something would be removed or recreated, there is no --yes and no terminal
 * to ask on; 'declined' when the user says no.
 */
export async function confirmPlan(plan: Plan, options: { yes: boolean; confirm: Confirm | null; verb: string }): Promise<boolean> {
  const destructive = destructiveActions(plan);
  if (destructive.length === 0 || options.yes) return false;
  if (options.confirm === null) {
    throw new EnvctlError(
      'confirmation-required',
      `this ${options.verb} removes or recreates: ${destructive.join(', ')}; nothing was changed`,
      { hint: 'review the plan above, then run again with --yes' },
    );
  }
  const ok = await options.confirm(`${destructive.length} action(s) remove or recreate containers. Continue? [y/N] `);
  if (!ok) throw new EnvctlError('declined', `${options.verb} cancelled; nothing was changed`);
  return true;
}
