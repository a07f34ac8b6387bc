// Turns whatever an action threw into what a person reads: a code, a sentence and maybe a hint — never a stack trace.
import { EnvctlError } from '../errors/envctl-error.js';

export interface ErrorSummary {
  code: string;
  message: string;
  hint?: string;
}

export function describeError(error: unknown): ErrorSummary {
  if (error instanceof EnvctlError) {
    return error.hint === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, hint: error.hint };
  }
  // Anything else is a bug or an unexpected library error: its message is still useful, its stack is not for users.
  if (error instanceof Error) return { code: 'internal', message: error.message || error.name };
  return { code: 'internal', message: String(error) };
}

/** One line for a task that failed: the message, then the hint in parentheses (as spec issues are shown). */
export function formatErrorLine(summary: ErrorSummary): string {
  return summary.hint === undefined ? summary.message : `${summary.message} (${summary.hint})`;
}

/**
 * Wraps a failure of one step of an action with what that step means for the user's containers, keeping the engine's
 * code (so 'port-taken' stays 'port-taken') and its hint unless the caller knows a better one.
 */
export function stepError(context: string, error: unknown, options: { hint?: string; fallbackHint?: string } = {}): EnvctlError {
  const cause = describeError(error);
  const code = error instanceof EnvctlError ? error.code : 'engine';
  const hint = options.hint ?? cause.hint ?? options.fallbackHint;
  // The engine layer already said what it was doing ("create container x: …"); this step's context replaces that.
  const said = error instanceof EnvctlError && error.context !== undefined ? `${error.context}: ` : '';
  const detail = said !== '' && cause.message.startsWith(said) ? cause.message.slice(said.length) : cause.message;
  return new EnvctlError(code, `${context}: ${detail}`, { cause: error, ...(hint === undefined ? {} : { hint }) });
}
