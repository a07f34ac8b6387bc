// `envctl destroy`: remove the project's containers (named volumes kept unless --volumes).
import { loadDesired } from '../../app/run-plan.js';
import { runDestroy } from '../../app/run-destroy.js';
import { connectEngine } from '../../engine/connect-engine.js';
import { formatPlan } from '../../plan/format-plan.js';
import { planToJson } from '../../plan/plan-to-json.js';
import { formatApplyResult } from '../format-apply-result.js';
import { cliLockOptions } from '../lock-options.js';
import { pickRenderer, printJson, terminalConfirm, type GlobalOptions } from '../output.js';

export async function runDestroyCommand(
  g: GlobalOptions,
  opts: { yes: boolean; volumes: boolean; project?: string; discardChanges?: boolean; json: boolean; lockTimeout?: string },
): Promise<number> {
  // With --project there is no spec, so no on_recreate/ignore_changes: work in a container is then refused by default.
  const desired = opts.project === undefined ? await loadDesired({ file: g.file, displayPath: g.file }) : null;
  const project = opts.project ?? desired!.project;
  const outcome = await runDestroy(connectEngine, {
    project,
    discardChanges: opts.discardChanges ?? false,
    ...(desired?.policies ? { policies: desired.policies } : {}),
    volumes: opts.volumes,
    lock: cliLockOptions('destroy', opts.lockTimeout),
    yes: opts.yes,
    confirm: opts.json ? null : terminalConfirm(),
    renderer: pickRenderer(opts.json),
    show: (plan) => {
      if (!opts.json) process.stdout.write(`${formatPlan(plan, { color: g.color })}\n`);
    },
  });
  const ok = outcome.result?.ok ?? true;
  if (opts.json) printJson({ ok, plan: planToJson(outcome.plan), results: outcome.result?.results ?? [] });
  else {
    if (outcome.result) process.stdout.write(`\n${formatApplyResult(outcome.result, g.color, 'Destroy')}\n`);
    if (!opts.volumes) process.stdout.write('Named volumes were kept (use --volumes to remove them too).\n');
  }
  return ok ? 0 : 1;
}
