// Parses `healthcheck:` (Compose form) into the engine's Healthcheck (durations in ns, test as a list).
import type { Healthcheck } from '../canonical-env.js';
import { parseDuration } from './parse-duration.js';
import { fail, ok, type Parsed } from './parse-result.js';

export interface RawHealthcheck {
  test?: string | string[];
  interval?: string;
  timeout?: string;
  start_period?: string;
  start_interval?: string;
  retries?: number;
  disable?: boolean;
}

const DISABLED_TEST = ['NONE'];
const MIN_NS = 1e6;

/** A problem is reported at the sub-field it is about (`at`), so the user sees the right line. */
export function parseHealthcheck(raw: RawHealthcheck): Parsed<Healthcheck> & { at?: string } {
  if (raw.start_interval !== undefined) {
    return { ...fail('`healthcheck.start_interval` is not supported by this version of envctl yet', 'remove it for now'), at: 'start_interval' };
  }
  if (raw.disable === true) {
    const extra = (['test', 'interval', 'timeout', 'start_period', 'retries'] as const).find((k) => raw[k] !== undefined && k !== 'test');
    if (extra !== undefined) return { ...fail(`\`healthcheck.disable: true\` turns the check off; \`${extra}\` has no effect`, `remove \`${extra}\``), at: extra };
    return ok({ test: [...DISABLED_TEST], intervalNs: 0, timeoutNs: 0, startPeriodNs: 0, retries: 0 });
  }
  let test: string[] = [];
  if (typeof raw.test === 'string') {
    test = ['CMD-SHELL', raw.test];
  } else if (Array.isArray(raw.test)) {
    if (raw.test.length > 0 && !['CMD', 'CMD-SHELL', 'NONE'].includes(raw.test[0] as string)) {
      return { ...fail('a healthcheck test list starts with "CMD", "CMD-SHELL" or "NONE"', 'e.g. ["CMD", "curl", "-f", "http://localhost/"] or a shell string'), at: 'test' };
    }
    test = [...raw.test];
  }
  const durations: Record<'interval' | 'timeout' | 'start_period', number> = { interval: 0, timeout: 0, start_period: 0 };
  for (const key of ['interval', 'timeout', 'start_period'] as const) {
    const text = raw[key];
    if (text === undefined) continue;
    const parsed = parseDuration(text);
    if (!parsed.ok) return { ...parsed, at: key };
    if (parsed.value !== 0 && parsed.value < MIN_NS) return { ...fail(`healthcheck ${key} must be at least 1ms`), at: key };
    durations[key] = parsed.value;
  }
  return ok({ test, intervalNs: durations.interval, timeoutNs: durations.timeout, startPeriodNs: durations.start_period, retries: raw.retries ?? 0 });
}
