// Runs one step of the plan: the engine calls of that step only. Which steps exist and in what order is the plan's.
import type { Engine } from '../engine/engine.js';
import { EnvctlError } from '../errors/envctl-error.js';
import type { InterruptSignalName } from '../errors/interrupted.js';
import type { Action, ActionOf, Step } from '../plan/plan-types.js';
import { runAction, type RunActionContext } from './run-action.js';
import { createNew, removeOld, renameNew, startNew, stopOld, undoCreateNew } from './run-recreate-step.js';
import { snapshotBeforeLoss } from './snapshot-before-loss.js';
import type { StepOutput } from './step-result.js';
import { waitForService } from './wait-for-service.js';

/** `uses`: what the step named in `step.uses` made (a recreate's new container). */
export async function runStep(step: Step, action: Action, engine: Engine, context: RunActionContext, uses?: StepOutput): Promise<StepOutput> {
  switch (step.kind) {
    case 'snapshot':
      await snapshotBeforeLoss(engine, losing(action, step), context.project, context.report);
      return {};
    case 'create-new':
      return createNew(engine, recreating(action, step), context);
    case 'stop-old':
      return stopOld(engine, recreating(action, step), made(uses, step));
    case 'remove-old':
      return removeOld(engine, recreating(action, step), made(uses, step));
    case 'rename-new':
      return renameNew(engine, recreating(action, step), made(uses, step));
    case 'start-new':
      return startNew(engine, recreating(action, step), made(uses, step), context);
    case 'converge':
      if (action.kind !== 'create-service' && action.kind !== 'update-service') throw malformed(step, action);
      await waitForService(action, engine, context);
      return {};
    default:
      if (step.kind !== action.kind) throw malformed(step, action);
      return runAction(action, engine, context);
  }
}

/** Undoes a step the plan marks `undoneUnlessStarted`; throws the interruption (rolled back) or why it could not. */
export async function undoStep(step: Step, action: Action, engine: Engine, output: StepOutput, by: InterruptSignalName): Promise<never> {
  if (step.kind !== 'create-new') throw malformed(step, action);
  return undoCreateNew(engine, recreating(action, step), output, by);
}

function recreating(action: Action, step: Step): ActionOf<'recreate'> {
  if (action.kind !== 'recreate') throw malformed(step, action);
  return action;
}

function losing(action: Action, step: Step): ActionOf<'recreate' | 'remove'> {
  if (action.kind !== 'recreate' && action.kind !== 'remove') throw malformed(step, action);
  return action;
}

function made(uses: StepOutput | undefined, step: Step): StepOutput {
  if (uses?.containerId === undefined) throw new EnvctlError('internal', `step "${step.id}" has no container to act on (a bug in the plan)`);
  return uses;
}

// Reached only through a planner bug: the plan pairs steps and actions.
function malformed(step: Step, action: Action): EnvctlError {
  return new EnvctlError('internal', `envctl cannot run a ${step.kind} step of a ${action.kind} action ("${step.id}")`);
}
