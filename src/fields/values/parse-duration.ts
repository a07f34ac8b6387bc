// Parses Compose/Go duration strings ("30s", "1m30s", "1.5h", "500ms") into nanoseconds, the unit the engine stores.
import { fail, ok, type Parsed } from './parse-result.js';

const NS_PER: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
const PART = /([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/y;

/** The engine keeps durations as Go time.Duration, int64 nanoseconds: 2^63 ns (about 292 years) does not fit. */
const TOO_LONG_NS = 2 ** 63;

export function parseDuration(value: string | number): Parsed<number> {
  const ns = durationNs(value);
  if (ns.ok && ns.value >= TOO_LONG_NS) {
    return fail(`duration ${JSON.stringify(value)} is too long: at most 2562047h (the engine’s limit, about 292 years)`, 'e.g. "30s", "5m" or "2h"');
  }
  return ns;
}

function durationNs(value: string | number): Parsed<number> {
  // A bare number is seconds, as Compose reads `stop_grace_period: 30`.
  if (typeof value === 'number') return value >= 0 ? ok(Math.round(value * 1e9)) : fail(`duration must not be negative, found ${value}`);
  const text = value.trim();
  const hint = 'use a duration such as "30s", "1m30s", "500ms" or "2h"';
  if (text === '') return fail('a duration cannot be empty', hint);
  if (text === '0') return ok(0);
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const m = PART.exec(text);
    if (!m || m.index !== start) return fail(`"${value}" is not a duration`, hint);
    total += Number(m[1]) * (NS_PER[m[2] as string] ?? 0);
  }
  return ok(Math.round(total));
}

/** Nanoseconds back as the shortest duration text ("90s" → "1m30s"), for plan output. */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  const parts: string[] = [];
  let rest = ns;
  for (const [unit, size] of [['h', 3600e9], ['m', 60e9], ['s', 1e9], ['ms', 1e6], ['us', 1e3], ['ns', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(`${n}${unit}`);
      rest -= n * size;
    }
  }
  return parts.join('');
}
