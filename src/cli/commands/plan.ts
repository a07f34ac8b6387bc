// `envctl plan`: show what apply would do. Exit 0 = nothing to do, 2 = changes, 4 = a conflict blocks apply.
import { loadAllowedSpec, specSource } from '../load-spec-for.js';
import { describePart, engineParts, isSingleDefault, type EnginePart } from '../../app/engine-parts.js';
import { planDesired, type PlanRun, type SpecSource } from '../../app/run-plan.js';
import { connectTo } from '../../engine/connect-engine.js';
import { EXIT_CODES } from '../../errors/envctl-error.js';
import { formatPlan } from '../render/format-plan.js';
import { planToJson } from '../render/plan-to-json.js';
import type { Plan } from '../../plan/plan-types.js';
import { printResult, type GlobalOptions } from '../output.js';
import type { DesiredState } from '../../spec/desired-state.js';

/** `plan -o FILE`: the plan, what it was made from (hashes of the spec, the containers seen), no secret value. */
async function savePlan(path: string, desired: DesiredState, source: SpecSource, parts: EnginePart[], runs: PlanRun[]): Promise<void> {
  const [{ recordSpec }, { toSavedPlan, writeSavedPlan }, { randomHex }] = await Promise.all([
    import('../../app/saved-plan-record.js'),
    import('../saved-plan-file.js'),
    import('../../base/random-hex.js'),
  ]);
  writeSavedPlan(path, toSavedPlan(desired.project, recordSpec(desired, source, randomHex(16)), parts, runs));
}

function saved(path: string | undefined): { savedTo?: string } {
  return path === undefined ? {} : { savedTo: path };
}

export async function runPlanCommand(
  g: GlobalOptions,
  opts: { json: boolean; graph?: boolean; allowDangerous?: boolean; output?: string },
): Promise<number> {
  const desired = await loadAllowedSpec(g, opts);
  const parts = engineParts(desired);
  const runs: PlanRun[] = [];
  // One engine after the other: each plan is read from its own engine; a spec without hosts: has one part.
  for (const part of parts) runs.push(await planDesired(connectTo(part.dockerHost), part.desired));
  const plans: Plan[] = runs.map((run) => run.plan);
  if (opts.output !== undefined) await savePlan(opts.output, desired, specSource(g), parts, runs);

  // ok: the plan can be applied (a conflict blocks it: exit 4).
  const ok = plans.every((p) => p.conflicts.length === 0);
  if (isSingleDefault(parts)) {
    if (opts.json) printResult({ ...planToJson(plans[0]!), ...saved(opts.output) }, ok);
    else process.stdout.write(`${formatPlan(plans[0]!, { color: g.color, graph: opts.graph === true })}\n`);
  } else if (opts.json) {
    printResult({
      project: desired.project,
      changes: plans.some((p) => p.actions.length > 0),
      engines: parts.map((part, i) => ({ host: part.host, dockerHost: part.dockerHost, ...planToJson(plans[i]!) })),
      ...saved(opts.output),
    }, ok);
  } else {
    process.stdout.write(`${parts.map((part, i) => `On ${describePart(part)}:\n${formatPlan(plans[i]!, { color: g.color, graph: opts.graph === true })}`).join('\n\n')}\n`);
  }
  if (opts.output !== undefined && !opts.json) process.stdout.write(`\nSaved this plan to ${opts.output}; \`envctl apply ${opts.output}\` applies exactly it.\n`);
  if (plans.some((p) => p.conflicts.length > 0)) return EXIT_CODES.conflict;
  return plans.some((p) => p.actions.length > 0) ? 2 : 0;
}
