// apply and destroy over every engine of a spec: one part after the other, each plan under its engine's header, an
// engine that fails (unreachable, refused) named without stopping the others; the output as without hosts when there
// is only the default engine.
import { describePart, isSingleDefault, type EnginePart } from '../app/engine-parts.js';
import type { ApplyOutcome } from '../app/run-apply.js';
import { EXIT_CODES } from '../errors/envctl-error.js';
import { formatPlan } from '../plan/format-plan.js';
import type { Plan } from '../plan/plan-types.js';
import { planToJson } from '../plan/plan-to-json.js';
import { formatApplyResult } from './format-apply-result.js';
import { errorToJson, formatError, onEngine, toEnvctlError } from './format-error.js';
import { printJson } from './output.js';

export interface OnEnginesOptions {
  json: boolean;
  color: boolean;
  debug: boolean;
  /** "Apply" or "Destroy", for the result lines. */
  verb: string;
}

/** Runs `run` for every part (given the function that prints its plan) and returns the exit code; rethrows a failure. */
export async function runOnEngines(
  parts: readonly EnginePart[],
  opts: OnEnginesOptions,
  run: (part: EnginePart, show: (plan: Plan) => void) => Promise<ApplyOutcome>,
): Promise<number> {
  const single = isSingleDefault(parts);
  const outcomes: { part: EnginePart; outcome: ApplyOutcome }[] = [];
  const failures: { part: EnginePart; error: unknown }[] = [];
  for (const part of parts) {
    const show = (plan: Plan): void => {
      if (opts.json) return;
      const header = single ? '' : `${outcomes.length + failures.length > 0 ? '\n' : ''}On ${describePart(part)}:\n`;
      process.stdout.write(`${header}${formatPlan(plan, { color: opts.color, command: opts.verb === 'Destroy' ? 'destroy' : 'apply' })}\n`);
    };
    try {
      const outcome = await run(part, show);
      outcomes.push({ part, outcome });
      if (!opts.json && outcome.result) process.stdout.write(`\n${formatApplyResult(outcome.result, opts.color, opts.verb)}\n`);
    } catch (error) {
      if (single) throw error;
      failures.push({ part, error });
    }
  }

  const ok = failures.length === 0 && outcomes.every(({ outcome }) => outcome.result?.ok ?? true);
  if (opts.json) {
    const one = (outcome: ApplyOutcome) => ({ plan: planToJson(outcome.plan), results: outcome.result?.results ?? [] });
    if (single) printJson({ ok, ...one(outcomes[0]!.outcome) });
    else {
      printJson({
        ok,
        engines: outcomes.map(({ part, outcome }) => ({ host: part.host, dockerHost: part.dockerHost, ...one(outcome) })),
        failed: failures.map(({ part, error }) => ({ host: part.host, dockerHost: part.dockerHost, ...(errorToJson(toEnvctlError(error)) as object) })),
      });
    }
  }
  if (failures.length === 0) return ok ? 0 : 1;
  // Every engine that failed is named; the first failure decides the exit code (as without hosts).
  const named = failures.map(({ part, error }) => onEngine(describePart(part), error));
  if (opts.json) return EXIT_CODES[named[0]!.code];
  for (const error of named.slice(1)) process.stderr.write(`${formatError(error, opts.debug)}\n`);
  throw named[0]!;
}
