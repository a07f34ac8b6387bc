// dns_search: DNS search domains, in order.
import type { Field } from '../field.js';
import { listFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { formatList } from '../present/format-value.js';
import { rawStrings } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { StringOrList } from '../schema-parts.js';
import { searchDomains } from '../values/value-checks.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  dns_search: {
    get schema() {
      return StringOrList('DNS search domains, in order.');
    },
    check: searchDomains,
  },
};

export const dnsSearch: Field<'dnsSearch', string[], typeof keys> = {
  name: 'dns_search',
  prop: 'dnsSearch',
  keys,
  normalize: ({ dns_search }, ctx) => rawStrings(dns_search, ctx),
  container: {
    create: (v, body) => void (body.HostConfig.DnsSearch = [...v]),
    observe: (i) => [...(i.HostConfig?.DnsSearch ?? [])],
  },
  service: {
    create: (v, spec) => void ((containerSpec(spec).DNSConfig ??= {}).Search = [...v]),
    observe: (spec) => [...(containerSpec(spec).DNSConfig?.Search ?? [])],
  },
  change: RECREATE,
  present: { show: formatList },
  import: { flags: [listFlag('dns-search', 'dns_search')], serviceFlags: ['dns-search'], write: (v) => onlyIf(v.length > 0, 'dns_search', () => [...v]) },
};
