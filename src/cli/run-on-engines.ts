// apply and destroy over every engine of a spec: one part after the other, each plan under its engine's header, an
// engine that fails (unreachable, refused) named without stopping the others; the output as without hosts when there
// is only the default engine. Ctrl-C stops the loop: the engines after the interrupted one are not started.
import { describePart, isSingleDefault, type EnginePart } from '../app/engine-parts.js';
import type { ApplyOutcome } from '../app/run-apply.js';
import { EXIT_CODES } from '../errors/envctl-error.js';
import { interruptedBy } from '../errors/interrupted.js';
import { formatPlan } from './render/format-plan.js';
import type { Plan } from '../plan/plan-types.js';
import { planToJson } from './render/plan-to-json.js';
import { formatApplyResult, interruptedRun } from './format-apply-result.js';
import { errorToJson, formatError, onEngine, toEnvctlError } from './format-error.js';
import { printJson } from './output.js';

export interface OnEnginesOptions {
  json: boolean;
  color: boolean;
  debug: boolean;
  /** "Apply" or "Destroy", for the result lines. */
  verb: string;
  /** Ctrl-C / SIGTERM (see watch-interrupts.ts). */
  signal?: AbortSignal;
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
  let notStarted = 0;
  for (const part of parts) {
    if (interruptedBy(opts.signal) !== null) {
      notStarted += 1;
      continue;
    }
    const show = (plan: Plan): void => {
      if (opts.json) return;
      const header = single ? '' : `${outcomes.length + failures.length > 0 ? '\n' : ''}On ${describePart(part)}:\n`;
      process.stdout.write(`${header}${formatPlan(plan, { color: opts.color, command: opts.verb === 'Destroy' ? 'destroy' : 'apply' })}\n`);
    };
    try {
      const outcome = await run(part, show);
      outcomes.push({ part, outcome });
      if (!opts.json && outcome.result) {
        process.stdout.write(`\n${formatApplyResult(outcome.result, opts.color, opts.verb, interruptedBy(opts.signal))}\n`);
      }
    } catch (error) {
      if (single) throw error;
      failures.push({ part, error });
    }
  }

  const by = interruptedBy(opts.signal);
  // Interrupted: the error that ends the run counts what was done and what was not.
  const stopped = by === null ? null : interruptedRun(by, opts.verb, outcomes.map(({ outcome }) => outcome.result), notStarted);
  const ok = stopped === null && failures.length === 0 && outcomes.every(({ outcome }) => outcome.result?.ok ?? true);
  const ran = outcomes.length + failures.length > 0;
  if (opts.json && ran) {
    const one = (outcome: ApplyOutcome) => ({ plan: planToJson(outcome.plan), results: outcome.result?.results ?? [] });
    const error = stopped === null ? {} : (errorToJson(stopped) as object);
    if (single) printJson({ ok, ...one(outcomes[0]!.outcome), ...error });
    else {
      printJson({
        ok,
        engines: outcomes.map(({ part, outcome }) => ({ host: part.host, dockerHost: part.dockerHost, ...one(outcome) })),
        failed: failures.map(({ part, error }) => ({ host: part.host, dockerHost: part.dockerHost, ...(errorToJson(toEnvctlError(error)) as object) })),
        ...error,
      });
    }
  }
  if (failures.length === 0) {
    if (stopped === null) return ok ? 0 : failedExitCode(outcomes.map(({ outcome }) => outcome));
    if (opts.json && ran) return EXIT_CODES[stopped.code];
    throw stopped;
  }
  // Every engine that failed is named; the first failure decides the exit code (as without hosts), an interruption
  // before all of them.
  const named = failures.map(({ part, error }) => onEngine(describePart(part), error));
  const first = stopped ?? named[0]!;
  if (opts.json) return EXIT_CODES[first.code];
  for (const error of named) if (error !== first) process.stderr.write(`${formatError(error, opts.debug)}\n`);
  throw first;
}

/**
 * 1 when an action failed; a service changed on the engine meanwhile has its own code (15: plan again), since the
 * next step for the person differs.
 */
function failedExitCode(outcomes: readonly ApplyOutcome[]): number {
  const changed = outcomes.some((o) => o.result?.results.some((r) => r.status === 'failed' && r.error?.code === 'service-changed'));
  return changed ? EXIT_CODES['service-changed'] : 1;
}
