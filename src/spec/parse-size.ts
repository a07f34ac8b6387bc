// Parses docker size values ("32g", "512m", "1.5gb", 1048576) into bytes, 1024-based like `docker run --shm-size`.
import { fail, ok, type Parsed } from './parse-result.js';

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

export function parseSize(value: string | number): Parsed<number> {
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
