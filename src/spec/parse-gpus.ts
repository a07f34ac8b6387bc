// Parses `gpus:` (all | <count> | [ids] | {count | device_ids, capabilities, driver}) into one engine device request.
import type { GpuRequest } from './canonical-env.js';
import { MAX_EXACT } from './check-text.js';
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

function deviceIds(ids: (number | string)[]): Parsed<string[]> {
  const out = ids.map((id) => String(id).trim());
  if (out.some((id) => id === '' || id.includes(','))) return fail('a GPU device id cannot be empty or contain ","', 'write ids as a list: [0, 3]');
  const dup = out.find((id, i) => out.indexOf(id) !== i);
  if (dup !== undefined) return fail(`GPU ${dup} is listed twice`);
  return ok(out);
}

/** [] = no GPU request (`gpus: 0` or an empty list). */
export function parseGpus(raw: RawGpus): Parsed<GpuRequest[]> {
  const count = typeof raw === 'number' ? raw : typeof raw === 'object' && !Array.isArray(raw) && typeof raw.count === 'number' ? raw.count : 0;
  // The engine's count is an int: a longer number fails its JSON decoding (and past 2^53 loses digits here first).
  if (count > MAX_EXACT) return fail(`a GPU count of ${count} is more than envctl can pass on (at most ${MAX_EXACT})`, 'use all, or the number of GPUs you need');
  return parseGpuRequest(raw);
}

function parseGpuRequest(raw: RawGpus): Parsed<GpuRequest[]> {
  if (raw === 'all') return ok([{ driver: '', count: -1, deviceIds: [], capabilities: ['gpu'] }]);
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
  return ok(count === 0 ? [] : [{ ...base, count, deviceIds: [] }]);
}
