// Parses `restart:` (no | always | unless-stopped | on-failure[:N]) into the engine's restart policy.
import type { RestartPolicy } from './canonical-env.js';
import { fail, ok, type Parsed } from './parse-result.js';

export function parseRestart(value: string): Parsed<RestartPolicy> {
  const match = /^(no|always|unless-stopped|on-failure)(?::([0-9]+))?$/.exec(value.trim());
  if (!match || (match[2] !== undefined && match[1] !== 'on-failure')) {
    return fail(`"${value}" is not a restart policy`, 'use no, always, unless-stopped, on-failure or on-failure:N');
  }
  const name = match[1] as RestartPolicy['name'];
  return ok({ name, maxRetries: match[2] === undefined ? 0 : Number(match[2]) });
}
