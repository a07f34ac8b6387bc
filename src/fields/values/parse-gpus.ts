// Parses `gpus:` (all | <count> | [ids] | {count | device_ids, capabilities, driver}) into one engine device request.
import type { GpuRequest } from '../canonical-env.js';
import { fail, ok, type Parsed } from './parse-result.js';

export type RawGpus =
  | 'all'
  | number
  | (number | string)[]
  | { count?: number | 'all'; device_ids?: (number | string)[]; capabilities?: string[]; driver?: string };

/** `docker run --gpus` asks for the "gpu" capability and adds it to any capabilities given; envctl does the same. */
function capabilities(given: string[] | undefined): string[] {
  return [...new Set([...(given ?? []), 'gpu'])].sort();
}

function deviceIds(ids: readonly unknown[]): Parsed<string[]> {
  // An id that is a map or a list is the schema's to name ("`gpus[0]` must be a whole number or a string").
  const out = ids.filter((id) => typeof id === 'number' || typeof id === 'string').map((id) => String(id).trim());
  if (out.some((id) => id === '' || id.includes(','))) return fail('a GPU device id cannot be empty or contain ","', 'write ids as a list: [0, 3]');
  const dup = out.find((id, i) => out.indexOf(id) !== i);
  if (dup !== undefined) return fail(`GPU ${dup} is listed twice`);
  return ok(out);
}

/** More GPUs than any machine has: the count is sent as is, and plan lists GPUs 0…count-1 it claims. */
const MAX_GPU_COUNT = 1024;

function tooMany(count: number): Parsed<GpuRequest[]> {
  return fail(`a GPU count of ${count} is more than a machine has (at most ${MAX_GPU_COUNT})`, 'use `all` for every GPU of the machine');
}

/** [] = no GPU request (`gpus: 0` or an empty list). */
export function parseGpus(raw: RawGpus): Parsed<GpuRequest[]> {
  if (raw === 'all') return ok([{ driver: '', count: -1, deviceIds: [], capabilities: ['gpu'] }]);
  if (typeof raw === 'number' && raw > MAX_GPU_COUNT) return tooMany(raw);
  if (typeof raw === 'number') return ok(raw === 0 ? [] : [{ driver: '', count: raw, deviceIds: [], capabilities: ['gpu'] }]);
  if (Array.isArray(raw)) {
    if (raw.length === 0) return ok([]);
    const ids = deviceIds(raw);
    return ids.ok ? ok([{ driver: '', count: 0, deviceIds: ids.value, capabilities: ['gpu'] }]) : ids;
  }
  if (raw.count !== undefined && raw.device_ids !== undefined) {
    return fail('`gpus` cannot have both `count` and `device_ids`', 'use count for "any N GPUs", device_ids for specific ones');
  }
  const base = { driver: raw.driver ?? '', capabilities: capabilities(raw.capabilities) };
  if (raw.device_ids !== undefined) {
    if (raw.device_ids.length === 0) return fail('`device_ids` is empty', 'list GPU ids, e.g. [0, 1], or leave gpus out');
    const ids = deviceIds(raw.device_ids);
    return ids.ok ? ok([{ ...base, count: 0, deviceIds: ids.value }]) : ids;
  }
  // Compose: without count or device_ids, all GPUs.
  const count = raw.count === undefined || raw.count === 'all' ? -1 : raw.count;
  if (count > MAX_GPU_COUNT) return tooMany(count);
  return ok(count === 0 ? [] : [{ ...base, count, deviceIds: [] }]);
}
