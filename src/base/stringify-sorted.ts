// JSON with object keys sorted at every level, so hashes do not depend on the order keys were written in.

export function stringifySorted(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      // undefined is dropped by JSON.stringify anyway; dropping it here keeps {a: undefined} equal to {}.
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
