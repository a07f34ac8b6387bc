// docker run --gpus values ("all", "2", '"device=1,2"', "count=2,capabilities=compute,driver=nvidia") → the spec's
// `gpus` value, following the docker CLI's reading (opts/gpus.go): a CSV of key=value, a bare word is the count.
import type { Parsed } from './parse-result.js';
import { fail, ok } from './parse-result.js';

export type SpecGpus =
  | 'all'
  | number
  | (number | string)[]
  | { count?: number | 'all'; device_ids?: (number | string)[]; capabilities?: string[]; driver?: string };

/** One CSV record as Go's encoding/csv reads it: commas separate fields, "…" quotes a field ("" is a quote). */
export function splitCsv(text: string): Parsed<string[]> {
  const fields: string[] = [];
  let current = '';
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (c === ',') {
      fields.push(current);
      current = '';
      fieldStart = true;
    } else {
      current += c;
      fieldStart = false;
    }
  }
  if (quoted) return fail(`unterminated quote in "${text}"`);
  fields.push(current);
  return ok(fields);
}

function parseCount(text: string): Parsed<number | 'all'> {
  if (text === 'all') return ok('all');
  return /^[0-9]+$/.test(text) ? ok(Number(text)) : fail(`"${text}" is not a GPU count (a number or all)`);
}

const deviceId = (id: string): number | string => (/^(0|[1-9][0-9]*)$/.test(id) ? Number(id) : id);

export function parseGpuRequest(value: string): Parsed<SpecGpus> {
  const csv = splitCsv(value);
  if (!csv.ok) return csv;
  let count: number | 'all' | undefined;
  let deviceIds: (number | string)[] | undefined;
  let capabilities: string[] | undefined;
  let driver: string | undefined;
  const seen = new Set<string>();
  for (const field of csv.value) {
    const eq = field.indexOf('=');
    const key = eq === -1 ? 'count' : field.slice(0, eq);
    const text = eq === -1 ? field : field.slice(eq + 1);
    if (seen.has(key)) return fail(`"${key}" is given twice`);
    seen.add(key);
    if (key === 'count') {
      const parsed = parseCount(text);
      if (!parsed.ok) return parsed;
      count = parsed.value;
    } else if (key === 'device') deviceIds = text.split(',').map(deviceId);
    // docker adds "gpu" itself; the spec lists only what the user asked for.
    else if (key === 'capabilities') capabilities = text.split(',').filter((c) => c !== 'gpu');
    else if (key === 'driver') driver = text;
    else if (key === 'options') return fail('driver options (options=…) have no place in the spec');
    else return fail(`unknown key "${key}" (count, device, capabilities, driver)`);
  }
  // docker asks for one GPU when neither a count nor devices are named (`--gpus driver=nvidia`).
  if (count === undefined && deviceIds === undefined) count = 1;
  if (capabilities === undefined && driver === undefined) {
    if (deviceIds !== undefined && count === undefined) return ok(deviceIds);
    if (deviceIds === undefined && count !== undefined) return ok(count);
  }
  const long: Exclude<SpecGpus, 'all' | number | unknown[]> = {};
  if (count !== undefined) long.count = count;
  if (deviceIds !== undefined) long.device_ids = deviceIds;
  if (capabilities !== undefined && capabilities.length > 0) long.capabilities = capabilities;
  if (driver !== undefined) long.driver = driver;
  return ok(long);
}

/**
 * `--gpus device=1,2` as lab notes write it: docker's own reading needs inner quotes (`--gpus '"device=1,2"'`); without
 * them the shell leaves `device=1,2`, which docker reads as "device 1 + count 2", a request the NVIDIA runtime refuses
 * at start. Bare values after `device=` are read as the further devices the person meant, and `note` says so.
 */
export function parseGpuFlag(value: string): Parsed<{ gpus: SpecGpus; note?: string }> {
  const csv = splitCsv(value);
  if (!csv.ok) return csv;
  const fields = csv.value;
  const at = fields.findIndex((f) => f.startsWith('device='));
  let end = at + 1;
  while (at !== -1 && end < fields.length && !fields[end]!.includes('=')) end += 1;
  if (at === -1 || end === at + 1) {
    const parsed = parseGpuRequest(value);
    return parsed.ok ? ok({ gpus: parsed.value }) : parsed;
  }
  const devices = fields.slice(at, end).join(',').slice('device='.length);
  const quote = (f: string) => `"${f.replace(/"/g, '""')}"`;
  const meant = [...fields.slice(0, at), `device=${devices}`, ...fields.slice(end)].map(quote).join(',');
  const parsed = parseGpuRequest(meant);
  if (!parsed.ok) return parsed;
  const list = devices.split(',');
  const docker =
    list.length === 2 ? `reads it as device ${list[0]} + count ${list[1]}, which the NVIDIA runtime refuses at start` : `reads ${list.slice(1).join(', ')} as counts and refuses it`;
  const note =
    `--gpus ${value}: read as devices ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}, as meant ` +
    `(docker itself ${docker}; for docker, quote it: --gpus '"device=${devices}"')`;
  return ok({ gpus: parsed.value, note });
}
