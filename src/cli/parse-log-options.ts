// `envctl logs --tail N --since T` as the engine wants them: a line count (or all), and a Unix time in seconds from a
// duration before now ("10m", "1h30m"), a date ("2026-11-30T05:00:00Z", "2026-11-30"), or Unix seconds.
import { EnvctlError } from '../errors/envctl-error.js';
import { parseDuration } from '../fields/values/parse-duration.js';

/** null = all lines. */
export function parseTail(text: string | undefined): number | null {
  if (text === undefined || text === 'all') return null;
  if (!/^\d+$/.test(text)) throw new EnvctlError('usage', `--tail ${text}: not a number of lines`, { hint: 'e.g. --tail 100, or --tail all' });
  return Number(text);
}

/** null = from the start; else Unix seconds (fractions kept: the engine takes them). */
export function parseSince(text: string | undefined, nowMs: number): number | null {
  if (text === undefined) return null;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const duration = parseDuration(text);
  if (duration.ok) return (nowMs - duration.value / 1e6) / 1000;
  const date = Date.parse(text);
  if (!Number.isNaN(date)) return date / 1000;
  throw new EnvctlError('usage', `--since ${text}: neither a duration nor a date`, {
    hint: 'e.g. --since 10m, --since 1h30m, --since 2026-11-30T05:00:00Z, or Unix seconds',
  });
}
