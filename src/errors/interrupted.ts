// Ctrl-C and SIGTERM as values: the reason an interrupted command's AbortSignal carries, and the error it ends with
// (exit 130 for SIGINT, 143 for SIGTERM, as a shell reports a process those signals ended).
import { EnvctlError } from './envctl-error.js';

export type InterruptSignalName = 'SIGINT' | 'SIGTERM';

/** What a command's AbortController is aborted with when the person (or a service manager) stops envctl. */
export class Interruption {
  constructor(readonly signal: InterruptSignalName) {}
}

/** The signal that interrupted, or null when `signal` is absent, not aborted, or aborted for another reason. */
export function interruptedBy(signal: AbortSignal | undefined): InterruptSignalName | null {
  return signal?.aborted === true && signal.reason instanceof Interruption ? signal.reason.signal : null;
}

/** "apply interrupted (Ctrl-C)" / "apply stopped (SIGTERM)". */
export function describeInterruption(doing: string, by: InterruptSignalName): string {
  return by === 'SIGINT' ? `${doing} interrupted (Ctrl-C)` : `${doing} stopped (SIGTERM)`;
}

/** `doing` interrupted, then what that left: "apply interrupted (Ctrl-C); nothing was changed". */
export function interruptedError(by: InterruptSignalName, doing: string, consequence: string, hint?: string, cause?: unknown): EnvctlError {
  return new EnvctlError(by === 'SIGINT' ? 'interrupted' : 'terminated', `${describeInterruption(doing, by)}; ${consequence}`, {
    ...(hint === undefined ? {} : { hint }),
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Throws the interruption when `signal` was aborted by one; a step boundary where stopping leaves `consequence`. */
export function throwIfInterrupted(signal: AbortSignal | undefined, doing: string, consequence = 'nothing was changed'): void {
  const by = interruptedBy(signal);
  if (by !== null) throw interruptedError(by, doing, consequence);
}

export function isInterruption(error: unknown): error is EnvctlError {
  return error instanceof EnvctlError && (error.code === 'interrupted' || error.code === 'terminated');
}

/** Runs a request `signal` may abort (a pull, a build, a transfer): an abort then ends as the interruption it was. */
export async function interruptible<T>(signal: AbortSignal | undefined, doing: string, consequence: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const by = interruptedBy(signal);
    if (by !== null) throw interruptedError(by, doing, consequence, undefined, error);
    throw error;
  }
}
