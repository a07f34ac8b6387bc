// The scheduler: runs the plan's dependency graph of steps — each as soon as what it depends on is done, only a few
// engine-loading ones at once — and decides nothing else. What to run, in what order, is the plan's.
import type { ErrorSummary } from './describe-error.js';
import { interruptedBy, isInterruption, type InterruptSignalName } from '../errors/interrupted.js';
import type { Step } from '../plan/plan-types.js';
import type { StepOutput, StepResult } from './step-result.js';

export interface StepRunner {
  /** Does the step's engine work; `uses` is what the step named in `step.uses` made. */
  run(step: Step, uses: StepOutput | undefined): Promise<StepOutput>;
  /** Undoes a done step (see Step.undoneUnlessStarted); throws the interruption it ends in, or why it could not. */
  undo(step: Step, output: StepOutput, by: InterruptSignalName): Promise<never>;
  /** What a person reads about a step's error. */
  describe(step: Step, error: unknown): ErrorSummary;
  /** Every result as it is set (again, when an undo turns a done step into a rolled-back one). */
  onResult(result: StepResult): void;
}

export const SKIPPED_PREFIX = 'skipped: ';
const NOT_STARTED = 'not started (interrupted)';

/**
 * Runs every step once, in plan order wherever the graph leaves a choice, and resolves with one result per step;
 * never rejects because a step failed.
 *
 * - A step starts when every step it depends on is done. If one failed (or was skipped), it is `skipped`, naming the
 *   action that failed first ("skipped: pull image:x failed"), and nothing of it runs.
 * - Steps that load the engine (Step.loadsEngine) run at most `limit` at a time; the others (stops, removes, …) only
 *   wait for the engine and are not limited. A step takes a slot only once its dependencies are done, so the limit
 *   cannot deadlock whatever the order.
 * - Once `signal` aborts (Ctrl-C), no step starts except those the plan marks `finishesAfterInterrupt`; the rest are
 *   `skipped` as not started, and a done step whose `undoneUnlessStarted` step was not started is undone. Steps in
 *   progress are told through the same signal and finish or undo their own work (`rolled-back`).
 */
export function runStepGraph(steps: readonly Step[], runner: StepRunner, options: { limit: number; signal?: AbortSignal }): Promise<Map<string, StepResult>> {
  const { signal } = options;
  const limit = Math.max(1, options.limit);
  const results = new Map<string, StepResult>();
  const outputs = new Map<string, StepOutput>();
  const actionOf = new Map(steps.map((s) => [s.id, s.action]));
  const waiting = [...steps];
  let busy = 0;
  let loading = 0;

  return new Promise((resolve) => {
    const set = (result: StepResult): void => {
      results.set(result.id, result);
      runner.onResult(result);
    };

    const start = (step: Step): void => {
      busy += 1;
      if (step.loadsEngine) loading += 1;
      const startedAt = performance.now();
      Promise.resolve()
        .then(() => runner.run(step, step.uses === undefined ? undefined : outputs.get(step.uses)))
        .then(
          (output) => {
            outputs.set(step.id, output);
            set({ id: step.id, status: 'done', startedAt, endedAt: performance.now(), output });
          },
          (error: unknown) => {
            const status = isInterruption(error) ? 'rolled-back' : 'failed';
            set({ id: step.id, status, error: runner.describe(step, error), startedAt, endedAt: performance.now() });
          },
        )
        .finally(() => {
          busy -= 1;
          if (step.loadsEngine) loading -= 1;
          pump();
        });
    };

    /** Settles a step that will not run; first undoes the done steps that were waiting for it to start. */
    const skip = (step: Step, error: ErrorSummary, by: InterruptSignalName | null): void => {
      const undo = by === null ? [] : steps.filter((u) => u.undoneUnlessStarted === step.id && results.get(u.id)?.status === 'done');
      if (undo.length === 0) {
        set({ id: step.id, status: 'skipped', error });
        return;
      }
      busy += 1;
      void Promise.all(undo.map((u) => undoOne(u, by!))).finally(() => {
        busy -= 1;
        set({ id: step.id, status: 'skipped', error });
        pump();
      });
    };

    const undoOne = async (step: Step, by: InterruptSignalName): Promise<void> => {
      const done = results.get(step.id)!;
      try {
        await runner.undo(step, outputs.get(step.id) ?? {}, by);
      } catch (error) {
        const status = isInterruption(error) ? 'rolled-back' : 'failed';
        set({ ...done, status, error: runner.describe(step, error), endedAt: performance.now() });
      }
    };

    /** Why a step cannot run: the first dependency that is not done, traced back to the failure that started it. */
    const blockedBy = (step: Step): ErrorSummary | null => {
      const blocker = step.dependsOn.map((id) => results.get(id)!).find((r) => r.status !== 'done');
      if (blocker === undefined) return null;
      // A skipped dependency already names the root failure; repeating it points the person at the real cause.
      if (blocker.status === 'skipped' && blocker.error) return { ...blocker.error };
      return { code: 'skipped', message: `${SKIPPED_PREFIX}${actionOf.get(blocker.id) ?? blocker.id} failed` };
    };

    const pump = (): void => {
      // Dependencies come earlier in the plan, so one pass in order sees every step a settled one unblocks.
      for (let i = 0; i < waiting.length; ) {
        const step = waiting[i]!;
        if (!step.dependsOn.every((id) => results.has(id))) {
          i += 1;
          continue;
        }
        const by = interruptedBy(signal);
        const stopped = by !== null && step.finishesAfterInterrupt !== true;
        const blocked = stopped ? null : blockedBy(step);
        if (!stopped && blocked === null && step.loadsEngine && loading >= limit) {
          i += 1;
          continue;
        }
        waiting.splice(i, 1);
        if (stopped) skip(step, { code: by === 'SIGINT' ? 'interrupted' : 'terminated', message: NOT_STARTED }, by);
        else if (blocked !== null) skip(step, blocked, by);
        else start(step);
      }
      if (waiting.length === 0 && busy === 0) {
        signal?.removeEventListener('abort', pump);
        resolve(results);
      }
    };

    // Steps waiting for a slot learn of Ctrl-C at once, not when a slot frees up.
    signal?.addEventListener('abort', pump);
    pump();
  });
}
