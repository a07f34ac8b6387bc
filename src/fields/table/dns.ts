// dns: DNS servers, in order (resolver order matters, so a list, not a set).
import type { Field } from '../field.js';
import { listFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { formatList } from '../present/format-value.js';
import { RECREATE } from '../rules.js';
import { StringOrList } from '../schema-parts.js';
import { parseIpAddress } from '../values/check-text.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  dns: {
    get schema() {
      return StringOrList('DNS servers, in order.');
    },
  },
};

export const dns: Field<'dns', string[], typeof keys> = {
  name: 'dns',
  prop: 'dns',
  keys,
  normalize: ({ dns }, ctx) => {
    const field = dns.value;
    if (!field) return [];
    const list = typeof field.value === 'string' ? [field] : ctx.items(field);
    const servers: string[] = [];
    for (const item of list) {
      if (typeof item.value !== 'string') continue;
      const ip = parseIpAddress(item.value);
      if (!ip.ok || ip.value !== item.value) ctx.issue(item.path, `dns server ${JSON.stringify(item.value)} is not an IP address`);
      else servers.push(item.value);
    }
    return servers;
  },
  container: {
    create: (v, body) => void (body.HostConfig.Dns = [...v]),
    observe: (i) => [...(i.HostConfig?.Dns ?? [])],
  },
  // In the order written: resolvers are tried in that order.
  service: {
    create: (v, spec) => void ((containerSpec(spec).DNSConfig ??= {}).Nameservers = [...v]),
    observe: (spec) => [...(containerSpec(spec).DNSConfig?.Nameservers ?? [])],
  },
  change: RECREATE,
  present: { show: formatList },
  import: { flags: [listFlag('dns', 'dns')], serviceFlags: ['dns'], write: (v) => onlyIf(v.length > 0, 'dns', () => [...v]) },
};
