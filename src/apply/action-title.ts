// The one line a person sees per action while apply runs: what is done to which resource, and why.
import type { Action } from '../plan/plan-types.js';

export function actionTitle(action: Action): string {
  const what = `${action.kind} ${action.resource}`;
  return action.cause ? `${what} (${action.cause})` : what;
}
