// Byte counts for a person: 1.5 MB, 640 kB (decimal units, as docker prints image sizes).

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/** The count in the largest decimal unit it reaches: 1984199 → { value: 1.984199, unit: 'MB' }. */
export function toDecimalUnit(bytes: number): { value: number; unit: string } {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return { value, unit: UNITS[unit]! };
}

export function formatBytes(bytes: number): string {
  const { value, unit } = toDecimalUnit(bytes);
  return `${unit === 'B' ? value : value.toFixed(value < 10 ? 1 : 0)} ${unit}`;
}
