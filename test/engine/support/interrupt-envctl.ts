// Runs the real envctl CLI as a child process through a counting proxy and sends it a signal at an exact point: while
// the engine's answer to a chosen request is held (the engine did the work, envctl has not heard), so the signal lands
// while that call is in flight. No sleeps: the answer is released once envctl says it is stopping.
import { resolve } from 'node:path';
import { execa } from 'execa';
import type { CountingProxy } from './counting-proxy.js';
import { waitForOutput } from '../../support/wait-for.js';

const BIN = resolve(import.meta.dirname, '../../../bin/envctl.js');

/** What envctl prints on stderr when a first signal reaches a command that stops by itself. */
export const STOPPING = 'no new step starts';

export interface InterruptResult {
  /** The held request, or null when the command ended before any request matched. */
  request: string | null;
  exitCode: number;
  stdout: string;
  stderr: string;
  /** Milliseconds from the (last) signal to the exit. */
  exitMs: number;
}

/** The n-th request (from now on) whose line matches `pattern`. */
export function nth(pattern: RegExp, n: number): (request: string) => boolean {
  let seen = 0;
  return (request) => pattern.test(request) && ++seen === n;
}

export interface InterruptOptions {
  signal?: 'SIGINT' | 'SIGTERM';
  /** Send the signal twice: the second must end envctl at once, while the held answer is still held. */
  twice?: boolean;
  /** The command only reads: the first signal must end it at once. */
  atOnce?: boolean;
  env?: Record<string, string>;
  /** Waited for once the answer is held, before the signal (e.g. until a file being written has bytes). */
  beforeSignal?: () => Promise<void>;
  /** Bytes of the held answer let through first (so a transfer is under way). */
  passBytes?: number;
}

/** Runs `envctl ARGS` through the proxy and interrupts it while the answer to the first request `match`ing is held. */
export async function interruptAt(
  proxy: CountingProxy,
  args: string[],
  match: (request: string) => boolean,
  options: InterruptOptions = {},
): Promise<InterruptResult> {
  const signal = options.signal ?? 'SIGINT';
  const hold = proxy.hold(match, { passBytes: options.passBytes ?? 0 });
  const child = execa('node', [BIN, ...args], {
    env: { DOCKER_HOST: proxy.host, NO_COLOR: '1', ...options.env },
    reject: false,
    stdin: 'ignore',
  });
  const request = await Promise.race([hold.started, child.then(() => null)]);
  let signalledAt = performance.now();
  if (request !== null) {
    await options.beforeSignal?.();
    signalledAt = performance.now();
    if (options.atOnce) {
      // A command that only reads ends at once: before the held answer is released.
      child.kill(signal);
      await child;
    } else {
      const stopping = waitForOutput(child, 'stderr', STOPPING);
      child.kill(signal);
      await stopping;
    }
    if (options.twice) {
      signalledAt = performance.now();
      child.kill(signal);
      // The held answer is released only after the exit: "at once" means without waiting for it.
      await child;
    }
  }
  hold.release();
  const r = await child;
  return { request, exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr), exitMs: performance.now() - signalledAt };
}
