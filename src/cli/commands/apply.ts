// `envctl apply`: plan, show, confirm if destructive, execute; exit 1 when an action failed.
import { runApply } from '../../app/run-apply.js';
import { connectEngine } from '../../engine/connect-engine.js';
import { formatPlan } from '../../plan/format-plan.js';
import { planToJson } from '../../plan/plan-to-json.js';
import { formatApplyResult } from '../format-apply-result.js';
import { cliLockOptions } from '../lock-options.js';
import { pickRenderer, printJson, terminalConfirm, type GlobalOptions } from '../output.js';

export async function runApplyCommand(
  g: GlobalOptions,
  opts: { yes: boolean; json: boolean; discardChanges?: boolean; lockTimeout?: string },
): Promise<number> {
  const outcome = await runApply({ file: g.file, displayPath: g.file }, connectEngine, {
    yes: opts.yes,
    discardChanges: opts.discardChanges ?? false,
    lock: cliLockOptions('apply', opts.lockTimeout),
    confirm: opts.json ? null : terminalConfirm(),
    renderer: pickRenderer(opts.json),
    show: (plan) => {
      if (!opts.json) process.stdout.write(`${formatPlan(plan, { color: g.color })}\n`);
    },
  });
  const ok = outcome.result?.ok ?? true;
  if (opts.json) printJson({ ok, plan: planToJson(outcome.plan), results: outcome.result?.results ?? [] });
  else if (outcome.result) process.stdout.write(`\n${formatApplyResult(outcome.result, g.color, 'Apply')}\n`);
  return ok ? 0 : 1;
}
