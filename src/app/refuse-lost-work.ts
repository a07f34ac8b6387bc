// Apply's and destroy's data-safety gate: a plan that would throw away work in a container's own layer does not run unless the
// spec chose a policy (snapshot / discard) or the person said --discard-changes.
import { EnvctlError } from '../errors/envctl-error.js';
import type { Plan } from '../plan/plan-types.js';

export function refuseLostWork(plan: Plan, discardChanges: boolean, verb: 'apply' | 'destroy' = 'apply'): void {
  if (discardChanges) return;
  const refused = plan.actions.filter((a) => a.ownLayer?.policy === 'refuse');
  if (refused.length === 0) return;
  const parts = refused.map((a) => `${a.kind} ${a.resource} would lose ${a.ownLayer!.count} changed ${a.ownLayer!.count === 1 ? 'path' : 'paths'}`);
  throw new EnvctlError('changes-at-risk', `${parts.join('; ')}; nothing was changed`, {
    hint:
      'keep the work with `envctl snapshot <env>` (or `on_recreate: snapshot` in the spec), ' +
      `ignore such paths with \`ignore_changes:\`, or throw it away with \`envctl ${verb} --discard-changes\` (or \`on_recreate: discard\`)`,
  });
}
