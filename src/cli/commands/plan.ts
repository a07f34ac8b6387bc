// `envctl plan`: show what apply would do. Exit 0 = nothing to do, 2 = changes, 4 = a conflict blocks apply.
import { runPlan } from '../../app/run-plan.js';
import { connectEngine } from '../../engine/connect-engine.js';
import { EXIT_CODES } from '../../errors/envctl-error.js';
import { formatPlan } from '../../plan/format-plan.js';
import { planToJson } from '../../plan/plan-to-json.js';
import { printJson, type GlobalOptions } from '../output.js';

export async function runPlanCommand(g: GlobalOptions, opts: { json: boolean }): Promise<number> {
  const { plan } = await runPlan({ file: g.file, displayPath: g.file }, connectEngine);
  if (opts.json) printJson(planToJson(plan));
  else process.stdout.write(`${formatPlan(plan, { color: g.color })}\n`);
  if (plan.conflicts.length > 0) return EXIT_CODES.conflict;
  return plan.actions.length > 0 ? 2 : 0;
}
