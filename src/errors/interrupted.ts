// Ctrl-C, SIGTERM and a closed output as values: the reason an interrupted command's AbortSignal carries, and the error
// it ends with (exit 130 for SIGINT, 143 for SIGTERM, 141 for SIGPIPE, as a shell reports a process those ended).
import { EnvctlError } from './envctl-error.js';

/** SIGPIPE: the reader of envctl's output went away (`envctl apply --yes | head -1`); Node reports it as EPIPE. */
export type InterruptSignalName = 'SIGINT' | 'SIGTERM' | 'SIGPIPE';

const CODES = { SIGINT: 'interrupted', SIGTERM: 'terminated', SIGPIPE: 'output-closed' } as const;

/** What a command's AbortController is aborted with when the person (or a service manager) stops envctl. */
export class Interruption {
  constructor(readonly signal: InterruptSignalName) {}
}

/** The signal that interrupted, or null when `signal` is absent, not aborted, or aborted for another reason. */
export function interruptedBy(signal: AbortSignal | undefined): InterruptSignalName | null {
  return signal?.aborted === true && signal.reason instanceof Interruption ? signal.reason.signal : null;
}

/** "apply interrupted (Ctrl-C)" / "apply stopped (SIGTERM)" / "apply stopped (its output was closed)". */
export function describeInterruption(doing: string, by: InterruptSignalName): string {
  if (by === 'SIGINT') return `${doing} interrupted (Ctrl-C)`;
  return by === 'SIGTERM' ? `${doing} stopped (SIGTERM)` : `${doing} stopped (its output was closed)`;
}

/** `doing` interrupted, then what that left: "apply interrupted (Ctrl-C); nothing was changed". */
export function interruptedError(by: InterruptSignalName, doing: string, consequence: string, hint?: string, cause?: unknown): EnvctlError {
  return new EnvctlError(CODES[by], `${describeInterruption(doing, by)}; ${consequence}`, {
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
  return error instanceof EnvctlError && Object.values(CODES).some((code) => code === error.code);
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
