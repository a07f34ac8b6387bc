// `envctl apply`: plan, show, confirm if destructive, execute; exit 1 when an action failed.
import { describePart, engineParts, isSingleDefault } from '../../app/engine-parts.js';
import { runApplyDesired, type ApplyOutcome } from '../../app/run-apply.js';
import { loadDesired } from '../../app/run-plan.js';
import { connectTo } from '../../engine/connect-engine.js';
import { formatPlan } from '../../plan/format-plan.js';
import { planToJson } from '../../plan/plan-to-json.js';
import { formatApplyResult } from '../format-apply-result.js';
import { errorToJson, formatError, onEngine, toEnvctlError } from '../format-error.js';
import { EXIT_CODES } from '../../errors/envctl-error.js';
import { cliLockOptions } from '../lock-options.js';
import { pickRenderer, printJson, terminalConfirm, type GlobalOptions } from '../output.js';

export async function runApplyCommand(
  g: GlobalOptions,
  opts: { yes: boolean; json: boolean; discardChanges?: boolean; lockTimeout?: string },
): Promise<number> {
  const desired = await loadDesired({ file: g.file, displayPath: g.file });
  const parts = engineParts(desired);
  const single = isSingleDefault(parts);
  const outcomes: { part: (typeof parts)[number]; outcome: ApplyOutcome }[] = [];
  const failures: { part: (typeof parts)[number]; error: unknown }[] = [];
  // Engine after engine, each under its own lock; one that fails (unreachable, refused) does not stop the others.
  for (const part of parts) {
    try {
      const outcome = await runApplyDesired(part.desired, () => connectTo(part.dockerHost), {
        yes: opts.yes,
        discardChanges: opts.discardChanges ?? false,
        lock: cliLockOptions('apply', opts.lockTimeout),
        confirm: opts.json ? null : terminalConfirm(),
        renderer: pickRenderer(opts.json),
        show: (plan) => {
          if (opts.json) return;
          process.stdout.write(`${single ? '' : `${outcomes.length + failures.length > 0 ? '\n' : ''}On ${describePart(part)}:\n`}${formatPlan(plan, { color: g.color })}\n`);
        },
      });
      outcomes.push({ part, outcome });
      if (!opts.json && outcome.result) process.stdout.write(`\n${formatApplyResult(outcome.result, g.color, 'Apply')}\n`);
    } catch (error) {
      if (single) throw error;
      failures.push({ part, error });
    }
  }
  const ok = failures.length === 0 && outcomes.every(({ outcome }) => outcome.result?.ok ?? true);
  if (opts.json) {
    if (single) {
      const { outcome } = outcomes[0]!;
      printJson({ ok, plan: planToJson(outcome.plan), results: outcome.result?.results ?? [] });
    } else {
      printJson({
        ok,
        engines: outcomes.map(({ part, outcome }) => ({
          host: part.host,
          dockerHost: part.dockerHost,
          plan: planToJson(outcome.plan),
          results: outcome.result?.results ?? [],
        })),
        failed: failures.map(({ part, error }) => ({ host: part.host, dockerHost: part.dockerHost, ...(errorToJson(toEnvctlError(error)) as object) })),
      });
    }
  }
  if (failures.length === 0) return ok ? 0 : 1;
  // Every engine that failed is named; the first failure decides the exit code (as without hosts).
  const named = failures.map(({ part, error }) => onEngine(describePart(part), error));
  if (opts.json) return EXIT_CODES[named[0]!.code];
  for (const error of named.slice(1)) process.stderr.write(`${formatError(error, g.debug)}\n`);
  throw named[0]!;
}
