// Parses `expose:` entries (7000, "7000/udp", "8000-8002") into "port/protocol" keys, ordered by port then protocol.
import { fail, ok, type Parsed } from './parse-result.js';

export function parseExpose(raw: number | string): Parsed<string[]> {
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/.exec(String(raw).trim());
  const hint = 'e.g. 7000, "7000/udp" or "8000-8002"';
  if (!m) return fail(`"${String(raw)}" is not a port to expose`, hint);
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  if (first < 1 || last > 65535 || last < first) return fail(`"${String(raw)}" is not a port range within 1-65535`, hint);
  const protocol = m[3] ?? 'tcp';
  const keys: string[] = [];
  for (let port = first; port <= last; port++) keys.push(`${port}/${protocol}`);
  return ok(keys);
}

/** Numeric port order, then protocol, so "80/tcp" comes before "443/tcp" on both sides of a comparison. */
export function compareExposed(a: string, b: string): number {
  const [pa = '', qa = ''] = a.split('/');
  const [pb = '', qb = ''] = b.split('/');
  return Number(pa) - Number(pb) || (qa < qb ? -1 : qa > qb ? 1 : 0);
}
