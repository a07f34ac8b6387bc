// extra_hosts: more /etc/hosts entries, ["host:ip"] or {host: ip} (maps merge with defaults; a list replaces).
import { Type } from '@sinclair/typebox';
import type { DataPath, Field } from '../field.js';
import { listFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { formatList } from '../present/format-value.js';
import { byString } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { text } from '../schema-parts.js';
import { isHostAlias, parseIpAddress } from '../values/check-text.js';
import { ok } from '../values/parse-result.js';
import { isObj } from '../values/value-checks.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  extra_hosts: {
    get schema() {
      return Type.Union(
        [Type.Array(Type.String()), Type.Record(Type.String(), Type.String())],
        text('Extra /etc/hosts entries: ["host:ip"] or {host: ip}.', 'must be a list of "host:ip" or a map {host: ip}'),
      );
    },
  },
};

/** "host:ip" → the /etc/hosts line a service's Hosts holds ("ip host"); an IPv6 address keeps its colons. */
const hostsLine = (entry: string): string => {
  const sep = entry.indexOf(':');
  return `${entry.slice(sep + 1)} ${entry.slice(0, sep)}`;
};

/** "ip host [alias …]" → "host:ip" per name. */
const fromHostsLine = (line: string): string[] => {
  const [ip = '', ...names] = line.trim().split(/\s+/);
  return names.map((name) => `${name}:${ip}`);
};

export const extraHosts: Field<'extraHosts', string[], typeof keys> = {
  name: 'extra_hosts',
  prop: 'extraHosts',
  keys,
  normalize: ({ extra_hosts }, ctx) => {
    // Maps merge (environment wins per host); a list anywhere replaces what came before, like any list.
    const hosts = new Map<string, string>();
    for (const source of extra_hosts.layers) {
      if (Array.isArray(source.value)) hosts.clear();
      const entries: { host: string; ip: string; path: DataPath }[] = [];
      if (Array.isArray(source.value)) {
        for (const item of ctx.items(source)) {
          const text = String(item.value);
          const sep = text.search(/[:=]/);
          if (sep <= 0) {
            ctx.issue(item.path, `extra_hosts entry "${text}" is not "host:ip"`);
            continue;
          }
          entries.push({ host: text.slice(0, sep), ip: text.slice(sep + 1), path: item.path });
        }
      } else if (isObj(source.value)) {
        for (const [host, ip] of Object.entries(source.value)) entries.push({ host, ip: String(ip), path: [...source.path, host] });
      }
      for (const entry of entries) {
        const ip = entry.ip === 'host-gateway' ? ok(entry.ip) : parseIpAddress(entry.ip);
        const problem = !isHostAlias(entry.host)
          ? `extra_hosts: ${JSON.stringify(entry.host)} is not a host name`
          : !ip.ok
            ? `extra_hosts: ${JSON.stringify(entry.ip)} is neither an IP address nor host-gateway`
            : null;
        if (problem !== null || !ip.ok) {
          ctx.issue(entry.path, problem ?? '', 'write "host:ip", e.g. "db:10.0.0.5"');
          continue;
        }
        hosts.set(entry.host, ip.value);
      }
    }
    return [...hosts].map(([host, ip]) => `${host}:${ip}`).sort();
  },
  container: {
    create: (v, body) => void (body.HostConfig.ExtraHosts = [...v]),
    observe: (i) => [...(i.HostConfig?.ExtraHosts ?? [])].sort(byString),
  },
  // A service's Hosts are /etc/hosts lines ("IP host"); Swarm has no host-gateway to resolve.
  service: {
    create: (v, spec) => void (containerSpec(spec).Hosts = v.map(hostsLine)),
    observe: (spec) => (containerSpec(spec).Hosts ?? []).flatMap(fromHostsLine).sort(byString),
    check: (v, _env, ctx) => {
      if (v.some((h) => h.endsWith(':host-gateway'))) {
        ctx.issue(ctx.pathOf('extra_hosts') ?? [], 'a service cannot map a name to host-gateway', "write the node's address instead, e.g. \"host:10.0.0.1\"", true);
      }
    },
  },
  change: RECREATE,
  present: { show: (v) => formatList([...v].sort()), compare: (v) => [...v].sort() },
  import: { flags: [listFlag('add-host', 'extra_hosts')], serviceFlags: [listFlag('host', 'extra_hosts')], write: (v) => onlyIf(v.length > 0, 'extra_hosts', () => [...v]) },
};
