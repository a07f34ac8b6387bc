// docker service create's --publish (-p), for import: the short form as `ports:` reads it, the long form
// (published=…,target=…,protocol=…,mode=…) as a long `ports:` entry that keeps `mode: host` (ingress is the default).
import type { FlagDraft, FlagMapping } from '../flag-mapping.js';
import { parsePort } from '../values/parse-port.js';

const PROTOCOLS = ['tcp', 'udp', 'sctp'];
const MODES = ['ingress', 'host'];

function portNumber(d: FlagDraft, key: string, text: string): number {
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  return n >= 0 && n <= 65535 ? n : d.fail(`${key}=${text} is not a port number`);
}

function longPort(d: FlagDraft): Record<string, unknown> {
  let target = 0;
  let published = 0;
  let protocol = 'tcp';
  let mode = 'ingress';
  for (const field of d.value.split(',')) {
    // docker reads keys and values case-insensitively.
    const [key = '', value = ''] = field.toLowerCase().split(/=(.*)/s);
    if (key === 'target') target = portNumber(d, key, value);
    else if (key === 'published') published = portNumber(d, key, value);
    else if (key === 'protocol') protocol = PROTOCOLS.includes(value) ? value : d.fail(`${key}=${value} is not one of ${PROTOCOLS.join(', ')}`);
    else if (key === 'mode') mode = MODES.includes(value) ? value : d.fail(`${key}=${value} is not one of ${MODES.join(', ')}`);
    else d.fail(`"${field}" is not a --publish option`, 'the long form knows target, published, protocol and mode');
  }
  if (target === 0) d.fail('the port has no target', 'add target=PORT (the port inside the container)');
  // What docker leaves at its defaults (tcp, ingress, a port the swarm picks) the spec leaves out too.
  return { target, ...(published === 0 ? {} : { published }), ...(protocol === 'tcp' ? {} : { protocol }), ...(mode === 'ingress' ? {} : { mode }) };
}

export const servicePublishFlag: FlagMapping = {
  name: 'publish',
  short: 'p',
  takesValue: true,
  apply: (d) => {
    if (d.value.includes('=')) return d.push('ports', longPort(d));
    // A service publishes on its nodes' addresses: docker service create refuses a host IP ("hostip is not supported").
    if (d.value.startsWith('[') || (d.value.split('/')[0] ?? '').split(':').length > 2) {
      d.fail('a service takes no host IP (it publishes on the addresses of the nodes it runs on)', 'write PUBLISHED:TARGET, or the long form published=…,target=…,mode=host');
    }
    d.check(parsePort(d.value, '0.0.0.0'));
    d.push('ports', d.value);
  },
};
