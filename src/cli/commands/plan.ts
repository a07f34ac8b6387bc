// `envctl plan`: show what apply would do. Exit 0 = nothing to do, 2 = changes, 4 = a conflict blocks apply.
import { loadSpecFor, specSource } from '../load-spec-for.js';
import { describePart, engineParts, isSingleDefault } from '../../app/engine-parts.js';
import { planDesired } from '../../app/run-plan.js';
import { connectTo } from '../../engine/connect-engine.js';
import { EXIT_CODES } from '../../errors/envctl-error.js';
import { formatPlan } from '../render/format-plan.js';
import { planToJson } from '../render/plan-to-json.js';
import type { Plan } from '../../plan/plan-types.js';
import { printResult, type GlobalOptions } from '../output.js';
import { enforcePolicy } from '../../app/enforce-policy.js';

export async function runPlanCommand(g: GlobalOptions, opts: { json: boolean; graph?: boolean; allowDangerous?: boolean }): Promise<number> {
  const desired = await loadSpecFor(g);
  await enforcePolicy(desired, specSource(g), { allowDangerous: opts.allowDangerous === true });
  const parts = engineParts(desired);
  const plans: Plan[] = [];
  // One engine after the other: each plan is read from its own engine; a spec without hosts: has one part.
  for (const part of parts) plans.push((await planDesired(connectTo(part.dockerHost), part.desired)).plan);

  // ok: the plan can be applied (a conflict blocks it: exit 4).
  const ok = plans.every((p) => p.conflicts.length === 0);
  if (isSingleDefault(parts)) {
    if (opts.json) printResult(planToJson(plans[0]!), ok);
    else process.stdout.write(`${formatPlan(plans[0]!, { color: g.color, graph: opts.graph === true })}\n`);
  } else if (opts.json) {
    printResult({
      project: desired.project,
      changes: plans.some((p) => p.actions.length > 0),
      engines: parts.map((part, i) => ({ host: part.host, dockerHost: part.dockerHost, ...planToJson(plans[i]!) })),
    }, ok);
  } else {
    process.stdout.write(`${parts.map((part, i) => `On ${describePart(part)}:\n${formatPlan(plans[i]!, { color: g.color, graph: opts.graph === true })}`).join('\n\n')}\n`);
  }
  if (plans.some((p) => p.conflicts.length > 0)) return EXIT_CODES.conflict;
  return plans.some((p) => p.actions.length > 0) ? 2 : 0;
}
