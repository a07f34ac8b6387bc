// Executes a Plan: its graph of steps is run by runStepGraph; listr2 only shows one task per action and its state.
// It decides nothing.
import { Listr, SimpleRenderer, type ListrTask } from 'listr2';
import type { Engine } from '../engine/engine.js';
import type { Action, Plan, Step } from '../plan/plan-types.js';
import { actionResult, type ActionResult, type ApplyResult } from './action-result.js';
import { actionTitle } from './action-title.js';
import { checkPlanSteps } from './check-plan-order.js';
import { ConvergenceWatch } from './convergence-watch.js';
import { describeError, formatErrorLine } from './describe-error.js';
import { hideSentValues } from './hide-sent-values.js';
import { runStep, undoStep } from './run-step.js';
import { runStepGraph, SKIPPED_PREFIX, type StepRunner } from './run-step-graph.js';
import { selectRenderer, type ApplyRenderer } from './select-renderer.js';
import type { StepResult } from './step-result.js';

export type { ApplyRenderer } from './select-renderer.js';
export type { ActionResult, ApplyResult } from './action-result.js';

export interface ExecuteOptions {
  renderer: ApplyRenderer;
  /**
   * How many steps that load the engine (container creates, pulls, builds, commits) may run at once; default 8.
   * Steps that only wait (a stop waits out the container's grace period) are not limited.
   */
  concurrency?: number;
  /** Randomness for temporary recreate names; tests pass a fixed one. */
  randomHex?: () => string;
  /** Ctrl-C / SIGTERM: no step starts after it aborts (but those the plan says finish); the ones in progress finish or roll back. */
  signal?: AbortSignal;
  /** How long each service's convergence wait may take; default wait-for-service.ts. */
  convergeTimeoutMs?: number;
  /** How long a task may stay unplaceable before a service's wait gives up; default wait-for-service.ts. */
  unplaceableGraceMs?: number;
}

const DEFAULT_CONCURRENCY = 8;

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

/**
 * Runs every step of the plan and returns one result per action; never throws because an action failed. Only a
 * malformed plan (a bug in the planner) throws, before anything runs.
 *
 * The order, the dependencies, what Ctrl-C finishes or undoes and which steps load the engine are all in the plan
 * (see runStepGraph). An action's result is that of its steps (see actionResult); a failed action's dependents are
 * skipped with "skipped: <action id> failed".
 */
export async function executePlan(plan: Plan, engine: Engine, options: ExecuteOptions): Promise<ApplyResult> {
  checkPlanSteps(plan);
  const actions = new Map(plan.actions.map((a) => [a.id, a]));
  const stepsOf = new Map<string, Step[]>(plan.actions.map((a) => [a.id, []]));
  for (const step of plan.steps) stepsOf.get(step.action)!.push(step);
  const actionOfStep = new Map(plan.steps.map((s) => [s.id, s.action]));
  const settlements = new Map(plan.actions.map((a) => [a.id, settlement()]));
  const stepResults = new Map<string, StepResult>();
  const results = new Map<string, ActionResult>();

  // Progress lines per action: the last one is kept until listr2 starts the action's task, then shown under it.
  const outputs = new Map<string, (line: string) => void>();
  const lastLines = new Map<string, string>();
  let lineByLine = false;
  const report = (action: Action, line: string): void => {
    // Pull progress repeats itself a lot; a log should not.
    if (lastLines.get(action.id) === line) return;
    lastLines.set(action.id, line);
    outputs.get(action.id)?.(line);
  };

  // Every service the run waits for is read in the same rounds.
  const convergence = new ConvergenceWatch(engine);
  const runner: StepRunner = {
    run: (step, uses) => {
      const action = actions.get(step.action)!;
      const context = {
        project: plan.project,
        convergence,
        report: (line: string) => report(action, line),
        ...(options.randomHex === undefined ? {} : { randomHex: options.randomHex }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        ...(options.convergeTimeoutMs === undefined ? {} : { convergeTimeoutMs: options.convergeTimeoutMs }),
        ...(options.unplaceableGraceMs === undefined ? {} : { unplaceableGraceMs: options.unplaceableGraceMs }),
      };
      return runStep(step, action, engine, context, uses);
    },
    undo: (step, output, by) => undoStep(step, actions.get(step.action)!, engine, output, by),
    describe: (step, error) => hideSentValues(describeError(error), actions.get(step.action)!),
    onResult: (result) => {
      stepResults.set(result.id, result);
      const action = actions.get(actionOfStep.get(result.id)!)!;
      const own = stepsOf.get(action.id)!;
      if (!own.every((s) => stepResults.has(s.id))) return;
      const done = actionResult(action, own.map((s) => stepResults.get(s.id)!));
      results.set(action.id, done);
      settlements.get(action.id)!.settle(done);
    },
  };

  const tasks: ListrTask<object>[] = plan.actions.map((action) => ({
    title: actionTitle(action),
    task: async (_ctx, task) => {
      const show = (line: string): void => {
        // In a log, output lines of parallel tasks interleave, so each says whose it is.
        task.output = lineByLine ? `${action.resource}: ${line}` : line;
      };
      const pending = action.dependsOn.filter((id) => !results.has(id));
      // Under an animated task this explains a spinner that is not yet doing anything; in a log it would be noise.
      if (pending.length > 0 && !lineByLine) task.output = `waiting for ${pending.join(', ')}`;
      const last = lastLines.get(action.id);
      if (last !== undefined) show(last);
      outputs.set(action.id, show);
      const result = await settlements.get(action.id)!.promise;
      if (result.status === 'done') return;
      const error = result.error ?? { code: result.status, message: result.status };
      // The renderer already writes "SKIPPED:" in front.
      if (result.status === 'skipped') task.skip(error.message.startsWith(SKIPPED_PREFIX) ? error.message.slice(SKIPPED_PREFIX.length) : error.message);
      else if (result.status === 'rolled-back') task.skip(error.message);
      // Re-thrown only so the renderer marks the task failed and shows the cause; the result is the truth.
      else throw new Error(formatErrorLine(error));
    },
  }));

  const listr = new Listr<object, ApplyRenderer, 'simple'>(tasks, {
    // Every task only waits for its action's result: the scheduler below decides what runs when.
    concurrent: true,
    exitOnError: false,
    // envctl's CLI handles Ctrl-C itself (listr2's own handler would exit at once with 127, leaving the lock behind).
    registerSignalListeners: false,
    ...selectRenderer(options.renderer),
  });
  // Set once listr2 has chosen a renderer (it may fall back from 'default' to line output when stdout is not a TTY).
  lineByLine = listr.rendererClass === SimpleRenderer;
  const graph = runStepGraph(plan.steps, runner, {
    limit: options.concurrency ?? DEFAULT_CONCURRENCY,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  await Promise.all([listr.run(), graph]);

  const ordered = plan.actions.map(
    (action): ActionResult =>
      results.get(action.id) ?? {
        // Only if the scheduler left a step without a result (it should not): say so instead of pretending it ran.
        id: action.id,
        kind: action.kind,
        resource: action.resource,
        status: 'skipped',
        error: { code: 'skipped', message: 'skipped: apply stopped before this action ran' },
        durationMs: 0,
      },
  );
  return { ok: ordered.every((r) => r.status === 'done'), results: ordered };
}
