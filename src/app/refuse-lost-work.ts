// Apply's and destroy's data-safety gate: a plan that would throw away work in a container's own layer does not run unless the
// spec chose a policy (snapshot / discard) or the person said --discard-changes.
import { EnvctlError } from '../errors/envctl-error.js';
import type { Plan } from '../plan/plan-types.js';

const paths = (n: number): string => `${n} changed ${n === 1 ? 'path' : 'paths'}`;

export function refuseLostWork(plan: Pick<Plan, 'actions'>, discardChanges: boolean, verb: 'apply' | 'destroy' = 'apply'): void {
  if (discardChanges) return;
  const refused = plan.actions.filter((a) => a.ownLayer?.policy === 'refuse');
  if (refused.length === 0) return;
  if (verb === 'destroy') {
    const parts = refused.map((a) => `${a.resource} would lose ${paths(a.ownLayer!.count)}`);
    throw new EnvctlError('changes-at-risk', `destroy refuses to remove work: ${parts.join('; ')} (listed above); nothing was removed`, {
      hint:
        'keep the work with `envctl snapshot <env>` (or `on_recreate: snapshot` in the spec: destroy then snapshots first), ' +
        'ignore such paths with `ignore_changes:`, then remove with `envctl destroy --discard-changes`',
    });
  }
  const parts = refused.map((a) => `${a.kind} ${a.resource} would lose ${paths(a.ownLayer!.count)}`);
  throw new EnvctlError('changes-at-risk', `${parts.join('; ')}; nothing was changed`, {
    hint:
      'keep the work with `envctl snapshot <env>` (or `on_recreate: snapshot` in the spec), ' +
      'ignore such paths with `ignore_changes:`, or throw it away with `envctl apply --discard-changes` (or `on_recreate: discard`)',
  });
}
