// Parses one `ports:` entry ("H:C", "IP:H:C", "IP::C", "C", "H:C/udp", ranges, "[::1]:H:C", numbers, long form) into bindings.
import type { PortBinding, Protocol } from '../canonical-env.js';
import { parseIpAddress } from './check-text.js';
import { fail, ok, type Parsed } from './parse-result.js';

export interface LongPort {
  target: number;
  published?: number | string;
  host_ip?: string;
  protocol?: Protocol;
  /** A service's port only (ports normalize reads it). */
  mode?: 'ingress' | 'host';
}

const PROTOCOLS: readonly string[] = ['tcp', 'udp', 'sctp'];

/** `defaultHostIp` is what a port without an IP binds ('0.0.0.0' like docker, or defaults.ports_host_ip). */
export function parsePort(value: string | number | LongPort, defaultHostIp: string): Parsed<PortBinding[]> {
  if (typeof value === 'number') {
    const target = portNumber(String(value));
    return target.ok ? ok([{ target: target.value, published: null, hostIp: defaultHostIp, protocol: 'tcp' }]) : target;
  }
  if (typeof value === 'object') return parseLongPort(value, defaultHostIp);
  return parseShortPort(value, defaultHostIp);
}

function parseLongPort(value: LongPort, defaultHostIp: string): Parsed<PortBinding[]> {
  const hostIp = value.host_ip === undefined ? ok(defaultHostIp) : parseHostIp(value.host_ip);
  if (!hostIp.ok) return hostIp;
  let published: number | null = null;
  if (value.published !== undefined) {
    const p = portNumber(String(value.published));
    if (!p.ok) return fail(`published: ${p.message}`);
    published = p.value;
  }
  return ok([{ target: value.target, published, hostIp: hostIp.value, protocol: value.protocol ?? 'tcp' }]);
}

function parseShortPort(raw: string, defaultHostIp: string): Parsed<PortBinding[]> {
  const text = raw.trim();
  const bad = (why: string) => fail<PortBinding[]>(`"${raw}" is not a port: ${why}`, 'use "H:C", "IP:H:C", "IP::C", "C" or "H:C/udp"');

  let body = text;
  let protocol: Protocol = 'tcp';
  const slash = text.lastIndexOf('/');
  if (slash !== -1) {
    const proto = text.slice(slash + 1).toLowerCase();
    if (!PROTOCOLS.includes(proto)) return bad(`unknown protocol "${proto}" (tcp, udp or sctp)`);
    protocol = proto as Protocol;
    body = text.slice(0, slash);
  }

  let ip: string | undefined;
  let rest: string[];
  const bracketed = /^\[([^\]]+)\]:(.*)$/.exec(body);
  if (bracketed) {
    ip = bracketed[1];
    rest = (bracketed[2] ?? '').split(':');
    if (rest.length !== 2) return bad('expected "[IP]:H:C"');
  } else {
    const parts = body.split(':');
    if (parts.length > 3) return bad('an IPv6 address must be written in brackets, e.g. "[::1]:8080:80"');
    if (parts.length === 3) ip = parts.shift();
    rest = parts;
  }

  let hostIp = defaultHostIp;
  if (ip !== undefined) {
    const parsedIp = parseHostIp(ip);
    if (!parsedIp.ok) return bad(parsedIp.message);
    hostIp = parsedIp.value;
  }

  const containerText = rest.length === 1 ? rest[0] : rest[1];
  const hostText = rest.length === 1 ? '' : rest[0];
  const container = portRange(containerText ?? '');
  if (!container.ok) return bad(`container ${container.message}`);
  const [cFrom, cTo] = container.value;
  const count = cTo - cFrom + 1;

  if (hostText === '' || hostText === undefined) {
    return ok(range(count).map((i) => ({ target: cFrom + i, published: null, hostIp, protocol })));
  }
  const host = portRange(hostText);
  if (!host.ok) return bad(`host ${host.message}`);
  const [hFrom, hTo] = host.value;
  if (hTo - hFrom + 1 !== count) {
    return bad(`the host range has ${hTo - hFrom + 1} ports but the container range has ${count}`);
  }
  return ok(range(count).map((i) => ({ target: cFrom + i, published: hFrom + i, hostIp, protocol })));
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function portRange(text: string): Parsed<[number, number]> {
  const [fromText, toText, extra] = text.split('-');
  if (extra !== undefined) return fail(`port "${text}" is not a number or a range`);
  const from = portNumber(fromText ?? '');
  if (!from.ok) return from;
  if (toText === undefined) return ok([from.value, from.value]);
  const to = portNumber(toText);
  if (!to.ok) return to;
  if (to.value < from.value) return fail(`port range "${text}" goes backwards`);
  return ok([from.value, to.value]);
}

function portNumber(text: string): Parsed<number> {
  if (!/^[0-9]+$/.test(text.trim())) return fail(`port "${text}" is not a number`);
  const n = Number(text);
  return n >= 1 && n <= 65535 ? ok(n) : fail(`port ${n} is out of range (1-65535)`);
}

/** As Go's net.ParseIP reads it: no zone ("%eth0"), which the engine would refuse at create. */
function parseHostIp(text: string): Parsed<string> {
  return parseIpAddress(text);
}
