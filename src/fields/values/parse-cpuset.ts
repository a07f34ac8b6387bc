// Parses `cpuset:` ("0-7", "0,2,4", 3) into the list the engine stores, with its limit on CPU numbers.
import { fail, ok, type Parsed } from './parse-result.js';

/** The engine refuses CPU numbers above this ("value of out range, maximum is 8192"). */
const MAX_CPU_NUMBER = 8192;

export function parseCpuset(value: string | number): Parsed<string> {
  const text = String(value).replace(/\s+/g, '');
  const hint = 'e.g. "0-7" or "0,2,4"';
  for (const item of text.split(',')) {
    const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(item);
    if (!m) return fail(`cpuset "${String(value)}" is not a CPU list`, hint);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to > MAX_CPU_NUMBER) return fail(`cpuset "${String(value)}": CPU ${to} is above ${MAX_CPU_NUMBER}, the engine’s limit`, hint);
    if (to < from) return fail(`cpuset "${String(value)}": the range ${item} goes backwards`, hint);
  }
  return ok(text);
}
