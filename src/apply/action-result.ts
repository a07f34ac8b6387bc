// One result per action of the plan, from the results of its steps: what a person reads after apply.
import type { Action } from '../plan/plan-types.js';
import type { ErrorSummary } from './describe-error.js';
import type { StepResult } from './step-result.js';

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

/**
 * Done when every step is done; otherwise as its first step that is not (a recreate whose create-new was rolled back
 * is rolled back, one whose stop-old failed has failed), with that step's error. The duration spans its steps.
 */
export function actionResult(action: Action, steps: readonly StepResult[]): ActionResult {
  const base = { id: action.id, kind: action.kind, resource: action.resource };
  const ran = steps.flatMap((s) => (s.startedAt === undefined ? [] : [[s.startedAt, s.endedAt ?? s.startedAt] as const]));
  const durationMs = ran.length === 0 ? 0 : Math.max(...ran.map(([, end]) => end)) - Math.min(...ran.map(([begin]) => begin));
  const first = steps.find((s) => s.status !== 'done');
  if (first !== undefined) return { ...base, status: first.status, ...(first.error === undefined ? {} : { error: first.error }), durationMs };
  const containerId = steps.flatMap((s) => (s.output?.containerId === undefined ? [] : [s.output.containerId])).at(-1);
  return { ...base, status: 'done', durationMs, ...(containerId === undefined ? {} : { containerId }) };
}
