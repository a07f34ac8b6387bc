// Parses docker size values ("32g", "512m", "1.5gb", 1048576) into bytes, 1024-based like `docker run --shm-size`,
// within what the engine can hold.
import { MAX_EXACT } from './check-text.js';
import { fail, ok, type Parsed } from './parse-result.js';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

export function parseSize(value: string | number): Parsed<number> {
  const bytes = sizeInBytes(value);
  if (!bytes.ok) return bytes;
  // The engine's fields are int64; JSON numbers past 2^53 lose digits (and past 2^63 fail the engine's decoding).
  if (bytes.value > MAX_EXACT) {
    return fail(`the size ${JSON.stringify(value)} is too large: at most ${MAX_EXACT} bytes, about 8 PiB`, 'e.g. "512m" or "32g"');
  }
  return bytes;
}

function sizeInBytes(value: string | number): Parsed<number> {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 ? ok(value) : fail(`size must be a whole number of bytes, found ${value}`);
  }
  // Same grammar as docker's units.RAMInBytes: number, optional space, unit with optional "i" and "b".
  const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([bkmgt]?)(i?)(b?)\s*$/i.exec(value);
  const unit = match?.[2]?.toLowerCase() ?? '';
  if (!match || (unit === 'b' && (match[3] !== '' || match[4] !== ''))) {
    return fail(`"${value}" is not a size`, 'use a number of bytes or a number with b, k, m or g, e.g. "512m" or "32g"');
  }
  const factor = UNITS[unit] ?? 1;
  return ok(Math.floor(Number(match[1]) * factor));
}

/** The engine's smallest memory limit (linuxMinMemory): it refuses a smaller one at create. */
const MIN_MEMORY_BYTES = 6 * 1024 * 1024;

/**
 * A size for one field, with the engine's own floor: shm_size 0 would mean "the engine's 64m" (a spec that never
 * matches what runs); mem_limit 0 is "unlimited" and anything else must reach the engine's minimum.
 */
export function parseFieldSize(value: string | number, field: 'shm_size' | 'mem_limit'): Parsed<number> {
  const bytes = parseSize(value);
  if (!bytes.ok) return bytes;
  if (field === 'shm_size' && bytes.value === 0) {
    return fail(`shm_size must be at least 1 byte, found ${JSON.stringify(value)}`, 'leave shm_size out for the engine’s default of 64m');
  }
  if (field === 'mem_limit' && bytes.value > 0 && bytes.value < MIN_MEMORY_BYTES) {
    return fail(`mem_limit must be at least 6m (the engine’s minimum, ${MIN_MEMORY_BYTES} bytes), found ${JSON.stringify(value)}`, 'or 0 / leave it out for no limit');
  }
  return bytes;
}
