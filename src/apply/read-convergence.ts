// Where a service stands on its way to the spec just sent, from its inspect and its tasks: how many of the wanted
// tasks run the new template, and whether it cannot get there (no node fits, the image is nowhere to be had, the
// engine rolled the update back or paused it) — in the engine's own words, made plain.
import { stringifySorted } from '../base/stringify-sorted.js';
import type { ObservedService, ObservedTask } from '../engine/engine.js';
import type { Convergence } from '../plan/plan-types.js';

export interface ConvergenceReading {
  running: number;
  wanted: number;
  /** The tasks are all up to date and the engine is not in the middle of an update. */
  done: boolean;
  /** It cannot converge: what a person reads (the service name first). */
  failure: string | null;
  /** It rolled back (failure_action: rollback): the failure is reported as "rolled back: …". */
  rolledBack: boolean;
  /** A word on what the tasks wait for, for the progress line ("1 pending: no suitable node (…)"). */
  note: string;
  /** Errors of tasks of the new template, newest first (for the timeout message). */
  errors: string[];
}

const IMAGE_ERROR = /no such image|manifest unknown|pull access denied|repository does not exist|not found: manifest|failed to resolve reference/i;

/** Before the first update rolls back, pauses or completes, the engine may still show the last update's outcome. */
export interface UpdateBaseline {
  state: string | null;
  message: string;
  /** Why the engine started rolling back (its message then; once done it only says "rollback completed"). */
  rollbackReason?: string;
}

/** `pendingSince`: when each pending task (by id) was first seen unplaceable; a task waiting ≥ `graceMs` fails the wait. */
export function readConvergence(
  goal: Convergence,
  service: ObservedService,
  tasks: readonly ObservedTask[],
  baseline: UpdateBaseline,
  pendingSince: Map<string, number>,
  now: number,
  graceMs: number,
): ConvergenceReading {
  const template = comparableTemplate(service.spec.TaskTemplate);
  const fresh = tasks.filter((t) => comparableTemplate(t.template) === template);
  const live = tasks.filter((t) => t.desiredState === 'running');
  const running = fresh.filter((t) => t.desiredState === 'running' && t.state === 'running').length;
  const wanted = goal.global ? fresh.filter((t) => t.desiredState === 'running').length : goal.replicas;
  const errors = [...fresh].filter((t) => t.error !== '').sort(newestFirst).map((t) => t.error);
  const reading: ConvergenceReading = { running, wanted, done: false, failure: null, rolledBack: false, note: '', errors };

  const state = service.updateState;
  const changed = state !== baseline.state || service.updateMessage !== baseline.message;
  // The engine says why once ("update rolled back due to failure … of task X"), then only that a rollback runs.
  if (changed && state === 'rollback_started' && (baseline.rollbackReason === undefined || / due to /.test(service.updateMessage))) {
    baseline.rollbackReason = service.updateMessage;
  }
  if (changed && state === 'rollback_completed') {
    // The tasks that failed are those of the spec rolled away from.
    const failed = [...tasks].filter((t) => t.error !== '' && comparableTemplate(t.template) !== template).sort(newestFirst).map((t) => t.error);
    const why = baseline.rollbackReason ?? service.updateMessage;
    return { ...reading, rolledBack: true, failure: `rolled back: ${plainUpdateMessage(why)}${because(failed)}` };
  }
  if (changed && (state === 'paused' || state === 'rollback_paused')) {
    return { ...reading, failure: `update ${state === 'paused' ? 'paused' : 'rollback paused'}: ${plainUpdateMessage(service.updateMessage)}${because(errors)}` };
  }

  // A task no node can take: the scheduler says why on the task ("no suitable node (…)") and keeps it pending.
  const unplaceable = live.filter((t) => t.state === 'pending' && /no suitable node/i.test(t.error));
  for (const id of [...pendingSince.keys()]) if (!unplaceable.some((t) => t.id === id)) pendingSince.delete(id);
  for (const t of unplaceable) if (!pendingSince.has(t.id)) pendingSince.set(t.id, now);
  const stuck = unplaceable.find((t) => now - pendingSince.get(t.id)! >= graceMs);
  if (stuck !== undefined) return { ...reading, failure: `${running}/${wanted} running: ${stuck.error}` };
  // An image no node can get: every retry is rejected the same way.
  const noImage = fresh.find((t) => (t.state === 'rejected' || t.state === 'failed') && IMAGE_ERROR.test(t.error));
  if (noImage !== undefined && running < wanted) return { ...reading, failure: `${running}/${wanted} running: the image cannot be had on a node (${noImage.error})` };

  if (unplaceable.length > 0) reading.note = `${unplaceable.length} pending: ${unplaceable[0]!.error}`;
  else if (state === 'updating' && changed) reading.note = 'rolling update';
  else if (state === 'rollback_started' && changed) reading.note = 'rolling back';
  else if (errors.length > 0) reading.note = `last task error: ${errors[0]}`;

  const outdated = live.some((t) => comparableTemplate(t.template) !== template);
  const busy = changed && (state === 'updating' || state === 'rollback_started');
  reading.done = running >= wanted && fresh.filter((t) => t.desiredState === 'running').length <= wanted && !outdated && !busy;
  return reading;
}

/**
 * A task echoes the template it was made from, except what the engine keeps on the service alone (measured on
 * Docker 20.10: the stop grace period, and `Runtime: container`): those are left out of the comparison.
 */
function comparableTemplate(template: unknown): string {
  if (template === null || typeof template !== 'object') return stringifySorted(template);
  const { Runtime: _runtime, ContainerSpec, ...rest } = template as { Runtime?: unknown; ContainerSpec?: Record<string, unknown> };
  if (ContainerSpec === undefined) return stringifySorted(rest);
  const { StopGracePeriod: _grace, ...container } = ContainerSpec;
  return stringifySorted({ ...rest, ContainerSpec: container });
}

const newestFirst = (a: ObservedTask, b: ObservedTask): number => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0);

function because(errors: readonly string[]): string {
  return errors.length === 0 ? '' : ` (last task error: ${errors[0]})`;
}

/** "update rolled back due to failure or early termination of task abc" → without the task id noise kept short. */
function plainUpdateMessage(message: string): string {
  return message === '' ? 'the engine gave no reason' : message;
}
