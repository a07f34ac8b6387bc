// How much silence each kind of engine request may have, by what it is: most must answer within the timeout; a stop
// may take the container's grace period on top; builds, commits, image save/load, execs, a followed log and an
// attached session (a daemon that prints nothing for an hour) may be quiet for a long time while the engine keeps
// answering a ping; pulls are judged by their progress events alone.
import type { SilenceLimits } from './watch-silence.js';

interface RequestShape {
  method?: string;
  path?: string;
  /** The query (and body) options dockerode passes; a stop's `t` is its grace period in seconds. */
  options?: unknown;
}

/** Calls during which the engine may say nothing for long while it works: silence is judged by a ping. */
const MAY_BE_QUIET: [method: string, path: RegExp][] = [
  ['POST', /^\/build$/],
  ['POST', /^\/commit$/],
  ['POST', /^\/images\/load$/],
  ['GET', /^\/images\/.+\/get$/],
  ['GET', /^\/images\/get$/],
  ['POST', /^\/exec\/[^/]+\/start$/],
  ['POST', /^\/containers\/[^/]+\/wait$/],
  ['GET', /^\/containers\/[^/]+\/logs$/],
  ['POST', /^\/containers\/[^/]+\/attach$/],
];

/** A commit copies the container's own layer: minutes for a big one, but not forever while the engine answers. */
const COMMIT_CAP_FACTOR = 30;

export function requestPolicy(request: RequestShape, timeoutMs: number, alive: () => Promise<void>): SilenceLimits {
  const method = request.method ?? 'GET';
  const path = (request.path ?? '').split('?')[0] ?? '';
  if (method === 'POST' && /^\/containers\/[^/]+\/(stop|restart)$/.test(path)) {
    const t = (request.options as { t?: unknown } | undefined)?.t;
    // The engine answers a stop once the container is gone: after its grace period at most, then the timeout.
    if (typeof t === 'number' && t >= 0) return { ms: timeoutMs, firstMs: timeoutMs + t * 1000 };
    // Grace period unknown (the container's own setting): wait while the engine answers.
    return { ms: timeoutMs, alive };
  }
  if (MAY_BE_QUIET.some(([m, p]) => m === method && p.test(path))) {
    return path === '/commit' ? { ms: timeoutMs, alive, capMs: timeoutMs * COMMIT_CAP_FACTOR } : { ms: timeoutMs, alive };
  }
  return { ms: timeoutMs };
}
