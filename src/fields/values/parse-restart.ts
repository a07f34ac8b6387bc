// Parses `restart:` (no | always | unless-stopped | on-failure[:N]) into the engine's restart policy.
import type { RestartPolicy } from '../canonical-env.js';
import { MAX_EXACT } from './check-text.js';
import { fail, ok, type Parsed } from './parse-result.js';

export function parseRestart(value: string): Parsed<RestartPolicy> {
  const match = /^(no|always|unless-stopped|on-failure)(?::([0-9]+))?$/.exec(value.trim());
  if (!match || (match[2] !== undefined && match[1] !== 'on-failure')) {
    return fail(`"${value}" is not a restart policy`, 'use no, always, unless-stopped, on-failure or on-failure:N');
  }
  const name = match[1] as RestartPolicy['name'];
  const retries = match[2] === undefined ? 0 : Number(match[2]);
  // The engine's count is an int: a longer number fails its JSON decoding (and past 2^53 loses digits here first).
  if (retries > MAX_EXACT) return fail(`"${value}": at most ${MAX_EXACT} retries`, 'e.g. on-failure:5');
  return ok({ name, maxRetries: retries });
}
