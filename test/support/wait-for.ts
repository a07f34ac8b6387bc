// Waiting in tests for the event itself, never for a fixed time: a condition polled up to a deadline, or a line a
// child process prints. Either fails the test saying what it waited for.
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';

export interface WaitOptions {
  /** How long the event may take before the test fails. */
  timeoutMs: number;
  /** What is awaited, for the failure ("sshd on 127.0.0.1:2222 to accept the key"); a function to add what was seen. */
  what: string | (() => string);
  /** Pause between two checks (default 50 ms); a check that is itself a round trip may want 0. */
  intervalMs?: number;
}

/** What a check returns once the event happened. */
export type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Checks `check` until it returns something truthy (which is returned) and fails after `timeoutMs` naming `what`.
 * A check that throws counts as not yet (its last error is part of the failure).
 */
export async function waitFor<T>(check: () => T | Promise<T>, options: WaitOptions): Promise<Truthy<T>> {
  const deadline = performance.now() + options.timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as Truthy<T>;
      lastError = null;
    } catch (error) {
      lastError = error;
    }
    if (performance.now() >= deadline) {
      const what = typeof options.what === 'function' ? options.what() : options.what;
      const last = lastError === null ? '' : `; the last check failed: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for ${what}${last}`);
    }
    await delay(options.intervalMs ?? 50);
  }
}

/** A running child process as execa returns it: its streams, and a promise that settles when it ends. */
interface Child extends PromiseLike<unknown> {
  readonly stdout: Readable | null;
  readonly stderr: Readable | null;
}

/**
 * Resolves once `child` has printed `text` on `stream`; fails if it ends first (with what it printed) or after
 * `timeoutMs`. The child's own result (execa's buffered output) is not disturbed.
 */
export function waitForOutput(child: Child, stream: 'stdout' | 'stderr', text: string, timeoutMs = 30_000): Promise<void> {
  const source = child[stream];
  if (source === null) return Promise.reject(new Error(`waiting for "${text}" on ${stream}, which is not a pipe`));
  return new Promise((resolve, reject) => {
    let seen = '';
    const finish = (error: Error | null): void => {
      clearTimeout(timer);
      source.off('data', onData);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer | string): void => {
      seen += chunk.toString();
      if (seen.includes(text)) finish(null);
    };
    const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for "${text}" on ${stream}; it printed:\n${seen}`)), timeoutMs);
    source.on('data', onData);
    child.then(
      () => finish(new Error(`the process ended before printing "${text}" on ${stream}; it printed:\n${seen}`)),
      (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
    );
  });
}
