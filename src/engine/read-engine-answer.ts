// Reads a whole (non-streamed) engine answer as docker-modem would — JSON parsed, or the raw bytes; a refusal as its
// "(HTTP code …) reason - message" error — but knowing when the body stops moving, is cut off, or is not JSON.
import type { IncomingMessage } from 'node:http';
import { EngineFault } from './engine-fault.js';
import type { SilenceWatch } from './watch-silence.js';

/** dockerode's per-call table: status → true (success) or the reason to say. */
export type StatusCodes = Record<number, boolean | string> | undefined;

/** Answers that are not JSON by design: `GET /_ping` says "OK"; a container's logs are its raw output. */
const NOT_JSON = /^\/_ping$|^\/containers\/[^/]+\/logs$/;

/** The error docker-modem makes for an unexpected status, with the same fields (engine-errors.ts reads them). */
function refusal(status: number, statusCodes: StatusCodes, json: unknown): Error {
  const cause = json as { message?: unknown; error?: unknown } | null;
  const said = cause?.message || cause?.error || cause;
  const reason = statusCodes?.[status];
  const err = new Error(`(HTTP code ${status}) ${typeof reason === 'string' ? reason : 'unexpected'} - ${String(said)} `) as Error & {
    reason?: unknown;
    statusCode: number;
    json: unknown;
  };
  err.reason = reason;
  err.statusCode = status;
  err.json = json;
  return err;
}

export function readEngineAnswer(res: IncomingMessage, statusCodes: StatusCodes, path: string, watch: SilenceWatch): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let ended = false;
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      watch.progress();
    });
    res.on('error', (err) => reject(new EngineFault('hangup', 0, true, err)));
    res.on('close', () => {
      if (!ended) reject(new EngineFault('hangup', 0, true));
    });
    res.on('end', () => {
      ended = true;
      const body = Buffer.concat(chunks);
      let parsed: unknown;
      let isJson = true;
      try {
        parsed = JSON.parse(body.toString());
      } catch {
        isJson = false;
      }
      // As docker-modem: the parsed JSON, or the bytes for an empty or falsy body ("null" from a diff with no changes).
      const json = (isJson && parsed) || body;
      const status = res.statusCode ?? 0;
      if (statusCodes?.[status] !== true) return reject(refusal(status, statusCodes, json));
      if (!isJson && body.length > 0 && !NOT_JSON.test(path.split('?')[0] ?? '')) return reject(new EngineFault('garbled'));
      resolve(json);
    });
  });
}
