// Context sizes for a person, in the 1024-based units docker size strings use (max_context: 2g is "2.0 GiB").
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

export function formatContextSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${UNITS[unit]}`;
}
