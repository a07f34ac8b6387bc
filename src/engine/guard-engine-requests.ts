// Bounds every request a dockerode client sends (installed on modem.dial, the one door all requests go through): no
// answer or no progress within the limits of request-policy.ts aborts the request with an EngineFault; whole answers
// are read here, so a body cut off or not JSON is a fault too. After one request got no answer in time the engine is
// taken as hung: later requests fail at once instead of each waiting the timeout again.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { EngineFault } from './engine-fault.js';
import { readEngineAnswer, type StatusCodes } from './read-engine-answer.js';
import { requestPolicy } from './request-policy.js';
import { watchAnswerStream, watchUpload } from './watch-engine-stream.js';
import { watchSilence } from './watch-silence.js';

interface DialOptions {
  method?: string;
  path?: string;
  options?: unknown;
  isStream?: boolean;
  hijack?: boolean;
  openStdin?: boolean;
  file?: unknown;
  statusCodes?: StatusCodes;
  abortSignal?: AbortSignal;
}

type DialCallback = (err: unknown, result?: unknown) => void;

interface DialingModem {
  dial: (options: DialOptions, callback: DialCallback) => void;
  /** The HTTP agent envctl gave docker-modem (connect-engine.ts does for every transport but TLS). */
  agent?: { destroy(): void };
}

export interface RequestGuard {
  /** Sends what `send` dials (synchronously, as dockerode does) even when the engine is taken as hung: one last try. */
  evenIfHung<T>(send: () => T): T;
}

/** Every status is "success" for docker-modem, so the guard gets the answer stream and checks the status itself. */
const EVERY_STATUS: StatusCodes = new Proxy({}, { get: () => true });

const isReadable = (value: unknown): value is Readable => typeof (value as Readable | null)?.pipe === 'function';

export function guardEngineRequests(modem: DialingModem, timeoutMs: number, alive: () => Promise<void>): RequestGuard {
  let hung = false;
  let exempt = false;
  /** How to end each request (or answer stream) still open, with the fault that showed the engine hung. */
  const open = new Set<(fault: EngineFault) => void>();
  // The engine is taken as hung: every open request ends with that fault, then its connections are dropped, so none
  // keeps the process alive. (An AbortSignal per request would cost 2-4% of a no-op plan's CPU; only TLS clients, which
  // have no agent of envctl's own, use one.)
  const giveUp = (fault: EngineFault): void => {
    hung = true;
    for (const end of [...open]) end(fault);
    modem.agent?.destroy();
  };
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    if (hung && !exempt) {
      process.nextTick(callback, new EngineFault('gave-up', timeoutMs));
      return;
    }
    const limits = requestPolicy(options, timeoutMs, alive);
    const controller = modem.agent ? null : new AbortController();
    if (controller) {
      options.abortSignal?.addEventListener('abort', () => controller.abort(), { once: true });
      options.abortSignal = controller.signal;
    }
    let settled = false;
    const settle = (err: unknown, result?: unknown): void => {
      if (settled) return;
      settled = true;
      open.delete(end);
      watch.stop();
      callback(err, result);
    };
    const end = (fault: EngineFault): void => {
      controller?.abort();
      settle(fault);
    };
    open.add(end);
    // No answer at all in time (or a call past its bound).
    const watch = watchSilence(limits, giveUp);
    if (isReadable(options.file)) options.file = watchUpload(options.file, watch);
    // A whole answer is read here rather than by docker-modem, which waits forever for a body that was cut off.
    const whole = !options.isStream && !options.hijack && !options.openStdin;
    const statusCodes = options.statusCodes;
    if (whole) {
      options.isStream = true;
      options.statusCodes = EVERY_STATUS;
    }
    dial(options, (err, result) => {
      if (settled) {
        (result as Readable | undefined)?.destroy?.();
        return;
      }
      if (err) return settle(err);
      watch.answering();
      if (whole) {
        readEngineAnswer(result as IncomingMessage, statusCodes, options.path ?? '', watch).then(
          (value) => settle(null, value),
          (error: unknown) => {
            (result as Readable).destroy();
            settle(error);
          },
        );
        return;
      }
      // A stream with stdin open is written to as well: handed over as it is (envctl opens none).
      if (options.openStdin || !isReadable(result)) return settle(null, result);
      const stream = watchAnswerStream(result, limits);
      const endStream = (fault: EngineFault): void => void stream.destroy(fault);
      open.add(endStream);
      stream.on('close', () => open.delete(endStream));
      settle(null, stream);
    });
  };
  return {
    evenIfHung(send) {
      exempt = true;
      try {
        return send();
      } finally {
        exempt = false;
      }
    },
  };
}
