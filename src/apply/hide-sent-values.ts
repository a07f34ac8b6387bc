// An engine error may echo a value envctl sent it (an environment value it rejected, a build arg): environment values
// and build args are secrets until shown otherwise, so a failed action's message shows `(sensitive)` in their place.
import type { Action } from '../plan/plan-types.js';
import type { ErrorSummary } from './describe-error.js';

/** Shorter values are left alone: hiding every "1" or "on" would garble the message, and they guard nothing. */
const MIN_HIDDEN_LENGTH = 4;

export function hideSentValues(summary: ErrorSummary, action: Action): ErrorSummary {
  const values = sentValues(action)
    .filter((v) => v.length >= MIN_HIDDEN_LENGTH)
    .sort((a, b) => b.length - a.length);
  if (values.length === 0) return summary;
  const hide = (text: string): string => values.reduce((out, value) => out.split(value).join('(sensitive)'), text);
  return summary.hint === undefined ? { ...summary, message: hide(summary.message) } : { ...summary, message: hide(summary.message), hint: hide(summary.hint) };
}

function sentValues(action: Action): string[] {
  switch (action.kind) {
    case 'create':
    case 'recreate':
    case 'create-service':
    case 'update-service':
      return Object.values(action.env.environment);
    case 'build':
      return Object.values(action.build.args);
    default:
      return [];
  }
}
