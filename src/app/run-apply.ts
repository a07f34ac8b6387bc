// Use-case behind `envctl apply`: plan, show, confirm when destructive, re-check the engine, execute exactly that plan.
import type { Engine } from '../engine/engine.js';
import { EnvctlError } from '../errors/envctl-error.js';
import type { Plan } from '../plan/plan-types.js';
import { executePlan, type ApplyRenderer, type ApplyResult } from '../apply/execute-plan.js';
import { confirmPlan, type Confirm } from './confirm-plan.js';
import { loadDesired, planDesired, type SpecSource } from './run-plan.js';

export interface ApplyOptions {
  yes: boolean;
  confirm: Confirm | null;
  renderer: ApplyRenderer;
  /** Called with the plan before anything is asked or done (the CLI prints it). */
  show: (plan: Plan) => void;
}

export interface ApplyOutcome {
  plan: Plan;
  /** null when there was nothing to do. */
  result: ApplyResult | null;
}

export function refuseConflicts(plan: Plan): void {
  if (plan.conflicts.length === 0) return;
  const first = plan.conflicts[0]!;
  throw new EnvctlError(
    'conflict',
    plan.conflicts.length === 1
      ? `${first.resource}: ${first.message}; nothing was changed`
      : `${plan.conflicts.length} conflicts (first: ${first.resource}: ${first.message}); nothing was changed`,
    first.hint === undefined ? {} : { hint: first.hint },
  );
}

export async function runApply(source: SpecSource, connect: () => Engine, options: ApplyOptions): Promise<ApplyOutcome> {
  const desired = await loadDesired(source);
  const engine = connect();
  const { plan } = await planDesired(engine, desired);
  options.show(plan);
  refuseConflicts(plan);
  if (plan.actions.length === 0) return { plan, result: null };

  const asked = await confirmPlan(plan, { yes: options.yes, confirm: options.confirm, verb: 'apply' });
  if (asked) {
    // Someone may have changed the engine while the question was open: apply only the plan that was shown.
    const again = await planDesired(engine, desired);
    if (again.plan.observedFingerprint !== plan.observedFingerprint) {
      throw new EnvctlError('plan-stale', 'the engine changed since this plan was made; nothing was changed', {
        hint: 'run `envctl apply` again to see the new plan',
      });
    }
  }
  const result = await executePlan(plan, engine, { renderer: options.renderer });
  return { plan, result };
}
