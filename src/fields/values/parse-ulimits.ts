// Parses `ulimits:` ({name: n} or {name: {soft, hard}}) into the engine's list, sorted by name.
import type { Ulimit } from '../canonical-env.js';
import { MAX_EXACT } from './check-text.js';
import { fail, ok, type Parsed } from './parse-result.js';

/** The names the engine knows (go-units ulimit.go). */
const ULIMIT_NAMES = [
  'as', 'core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack',
] as const;

export function parseUlimit(name: string, raw: number | { soft: number; hard: number }): Parsed<Ulimit> {
  if (!(ULIMIT_NAMES as readonly string[]).includes(name)) {
    return fail(`\`${name}\` is not a ulimit`, `one of: ${ULIMIT_NAMES.join(', ')}`);
  }
  const { soft, hard } = typeof raw === 'number' ? { soft: raw, hard: raw } : raw;
  if (soft < -1 || hard < -1) return fail(`ulimit ${name}: limits are numbers ≥ 0, or -1 for unlimited`);
  if (soft > MAX_EXACT || hard > MAX_EXACT) return fail(`ulimit ${name}: at most ${MAX_EXACT}`, 'use -1 for unlimited');
  // -1 is unlimited, above any number.
  if (hard !== -1 && (soft === -1 || soft > hard)) return fail(`ulimit ${name}: soft limit ${soft} is above the hard limit ${hard}`);
  return ok({ name, soft, hard });
}
