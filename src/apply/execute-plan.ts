// Executes a Plan with listr2: one task per action, parallel where `dependsOn` allows. It decides nothing.
import { Listr, SimpleRenderer, type ListrTask } from 'listr2';
import type { Engine } from '../engine/engine.js';
import type { Action, Plan } from '../plan/plan-types.js';
import { actionTitle } from './action-title.js';
import { checkPlanOrder } from './check-plan-order.js';
import { describeError, formatErrorLine, type ErrorSummary } from './describe-error.js';
import { hideSentValues } from './hide-sent-values.js';
import { interruptedBy, isInterruption } from '../errors/interrupted.js';
import { runAction } from './run-action.js';
import { selectRenderer, type ApplyRenderer } from './select-renderer.js';

export type { ApplyRenderer } from './select-renderer.js';

export interface ActionResult {
  id: string;
  kind: Action['kind'];
  resource: string;
  /** rolled-back: interrupted while in progress, the step undid what it had made (its error says what is left). */
  status: 'done' | 'failed' | 'skipped' | 'rolled-back';
  /** Why it failed, or for `skipped` which earlier failure it was waiting for (code 'skipped') or that it was never
   *  started because the run was interrupted (code 'interrupted' / 'terminated'). */
  error?: ErrorSummary;
  durationMs: number;
  /** The container created or acted on (for create/recreate: the NEW container). */
  containerId?: string;
}

export interface ApplyResult {
  /** False when any action failed or was skipped: the engine is not yet as the spec says. */
  ok: boolean;
  /** One per action, in plan order. */
  results: ActionResult[];
}

export interface ExecuteOptions {
  renderer: ApplyRenderer;
  /** How many actions may be in progress at once; default 8. */
  concurrency?: number;
  /** Randomness for temporary recreate names; tests pass a fixed one. */
  randomHex?: () => string;
  /** Ctrl-C / SIGTERM: no action starts after it aborts; the actions in progress finish or roll back by themselves. */
  signal?: AbortSignal;
}

export const DEFAULT_CONCURRENCY = 8;

interface Settlement {
  promise: Promise<ActionResult>;
  settle: (result: ActionResult) => void;
}

function settlement(): Settlement {
  let settle!: (result: ActionResult) => void;
  const promise = new Promise<ActionResult>((resolve) => {
    settle = resolve;
  });
  return { promise, settle };
}

function base(action: Action): Pick<ActionResult, 'id' | 'kind' | 'resource'> {
  return { id: action.id, kind: action.kind, resource: action.resource };
}

const SKIPPED_PREFIX = 'skipped: ';
const NOT_STARTED = 'not started (interrupted)';

/** Why an action cannot run: the first dependency that did not finish, traced back to the failure that started it. */
function blockedBy(deps: ActionResult[]): ErrorSummary | null {
  const blocker = deps.find((d) => d.status !== 'done');
  if (!blocker) return null;
  // A skipped dependency already names the root failure; repeating it points the person at the real cause.
  const message = blocker.status === 'skipped' && blocker.error ? blocker.error.message : `${SKIPPED_PREFIX}${blocker.id} failed`;
  return { code: 'skipped', message };
}

/**
 * Runs every action of the plan and returns one result per action; never throws because an action failed.
 *
 * Ordering: each task first awaits the actions named in its `dependsOn`, then does its engine work. Independent actions
 * overlap, up to `concurrency` tasks at a time.
 *
 * Why a concurrency limit cannot deadlock even though a waiting task holds a slot: listr2 starts tasks in list order,
 * and the plan is topologically ordered (checked by checkPlanOrder: every dependency comes earlier). Take the earliest
 * task that has not finished. Every task before it has finished, so its dependencies are done; and it has started,
 * since a later task could only have taken a slot after it did. So it can always proceed. Keep both halves — in-order
 * start and backward-only dependencies — when changing this code.
 *
 * Failure: `exitOnError: false`, so one failed action does not stop independent ones; actions that depend on it are
 * marked `skipped` with "skipped: <dep id> failed". Only a malformed plan (a bug in the planner) throws, before anything runs.
 *
 * Interruption: once `signal` aborts, every action not yet started is `skipped` (code 'interrupted'/'terminated'); an
 * action in progress is told through the same signal and either finishes or undoes its own work (`rolled-back`).
 */
export async function executePlan(plan: Plan, engine: Engine, options: ExecuteOptions): Promise<ApplyResult> {
  checkPlanOrder(plan.actions);
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const settlements = new Map<string, Settlement>(plan.actions.map((a) => [a.id, settlement()]));
  const results = new Map<string, ActionResult>();
  const finish = (result: ActionResult): void => {
    results.set(result.id, result);
    settlements.get(result.id)?.settle(result);
  };

  // Set once listr2 has chosen a renderer (it may fall back from 'default' to line output when stdout is not a TTY).
  let lineByLine = false;
  const tasks: ListrTask<object>[] = plan.actions.map((action) => ({
    title: actionTitle(action),
    task: async (_ctx, task) => {
      const pending = action.dependsOn.filter((id) => !results.has(id));
      // Under an animated task this explains a spinner that is not yet doing anything; in a log it would be noise.
      if (pending.length > 0 && !lineByLine) task.output = `waiting for ${pending.join(', ')}`;
      const deps = await Promise.all(action.dependsOn.map((id) => settlements.get(id)!.promise));
      const by = interruptedBy(options.signal);
      if (by !== null) {
        finish({ ...base(action), status: 'skipped', error: { code: by === 'SIGINT' ? 'interrupted' : 'terminated', message: NOT_STARTED }, durationMs: 0 });
        task.skip(NOT_STARTED);
        return;
      }
      const blocked = blockedBy(deps);
      if (blocked) {
        finish({ ...base(action), status: 'skipped', error: blocked, durationMs: 0 });
        // The renderer already writes "SKIPPED:" in front.
        task.skip(blocked.message.slice(SKIPPED_PREFIX.length));
        return;
      }

      const started = performance.now();
      let lastLine = '';
      const report = (line: string): void => {
        // Pull progress repeats itself a lot; a log should not.
        if (line === lastLine) return;
        lastLine = line;
        // In a log, output lines of parallel tasks interleave, so each says whose it is.
        task.output = lineByLine ? `${action.resource}: ${line}` : line;
      };
      try {
        const outcome = await runAction(action, engine, {
          project: plan.project,
          report,
          ...(options.randomHex === undefined ? {} : { randomHex: options.randomHex }),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        finish({ ...base(action), status: 'done', durationMs: performance.now() - started, ...outcome });
      } catch (error) {
        const summary = hideSentValues(describeError(error), action);
        if (isInterruption(error)) {
          finish({ ...base(action), status: 'rolled-back', error: summary, durationMs: performance.now() - started });
          task.skip(summary.message);
          return;
        }
        finish({ ...base(action), status: 'failed', error: summary, durationMs: performance.now() - started });
        // Re-thrown only so the renderer marks the task failed and shows the cause; the result above is the truth.
        throw new Error(formatErrorLine(summary));
      }
    },
  }));

  const listr = new Listr<object, ApplyRenderer, 'simple'>(tasks, {
    concurrent: concurrency,
    exitOnError: false,
    // envctl's CLI handles Ctrl-C itself (listr2's own handler would exit at once with 127, leaving the lock behind).
    registerSignalListeners: false,
    ...selectRenderer(options.renderer),
  });
  lineByLine = listr.rendererClass === SimpleRenderer;
  await listr.run();

  const ordered = plan.actions.map(
    (action): ActionResult =>
      results.get(action.id) ?? {
        // Only if listr2 itself stopped early (its own Ctrl-C handler is off, so it should not): say so instead of
        // pretending it ran.
        ...base(action),
        status: 'skipped',
        error: { code: 'skipped', message: 'skipped: apply stopped before this action ran' },
        durationMs: 0,
      },
  );
  return { ok: ordered.every((r) => r.status === 'done'), results: ordered };
}
