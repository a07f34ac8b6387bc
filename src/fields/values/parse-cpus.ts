// Parses `cpus:` (8, 0.5, "1.5") into a number of CPUs the engine keeps exactly (NanoCpus: billionths of a CPU).
import { fail, ok, type Parsed } from './parse-result.js';

/** The engine's smallest CPU quota: 1 ms per 100 ms period (a smaller one is refused when the container starts). */
const MIN_CPUS = 0.01;
/** The most CPUs Linux supports (NR_CPUS with MAXSMP); the engine refuses more than its machine has anyway. */
const MAX_CPUS = 8192;

export function parseCpus(value: number | string): Parsed<number> {
  const n = typeof value === 'number' ? value : String(value).trim() === '' ? NaN : Number(value);
  const hint = 'e.g. 8, 0.5 or 1.25; 0 = no limit';
  if (!Number.isFinite(n) || n < 0) return fail(`cpus "${String(value)}" is not a number of CPUs`, hint);
  if (n === 0) return ok(0);
  if (n < MIN_CPUS) return fail(`cpus must be at least ${MIN_CPUS} (the engine’s smallest CPU quota), found ${String(value)}`, hint);
  if (n > MAX_CPUS) return fail(`cpus must be at most ${MAX_CPUS} (the most CPUs Linux supports), found ${String(value)}`, hint);
  // Anything finer than a billionth would be rounded by the engine, and the next plan would see a change.
  if (Math.round(n * 1e9) / 1e9 !== n) return fail(`cpus ${String(value)} is too precise: the engine counts billionths of a CPU`, hint);
  return ok(n);
}
