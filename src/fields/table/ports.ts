// ports: published ports ("H:C", "IP:H:C", "C", "H:C/udp", ranges, or the long form). Without an IP they bind
// 0.0.0.0 like `docker -p` (or defaults.ports_host_ip); each host port is claimed for the checks across environments.
import { Type } from '@sinclair/typebox';
import type { PortBinding, Protocol } from '../canonical-env.js';
import type { Field, Located, NormalizeContext } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatList, formatPort } from '../present/format-value.js';
import { specPort } from '../present/spec-values.js';
import { byString } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { StringEnum, text } from '../schema-parts.js';
import { parsePort, type LongPort } from '../values/parse-port.js';
import { checkPortCount } from '../values/port-count.js';
import { servicePublishFlag } from './service-publish-flag.js';
import { isObj } from '../values/value-checks.js';

type PortMode = NonNullable<PortBinding['mode']>;
const ANY_IP = '0.0.0.0';

/** A service's port takes no host IP (docker service create refuses one): reported at the entry. */
function checkServicePort(bindings: readonly PortBinding[], item: Located<unknown>, ctx: NormalizeContext): boolean {
  if (bindings.every((b) => b.hostIp === ANY_IP) && !(isObj(item.value) && item.value.host_ip !== undefined)) return true;
  const at = isObj(item.value) ? [...item.path, 'host_ip'] : item.path;
  ctx.issue(at, 'a service takes no host IP: it publishes on the addresses of the nodes it runs on', 'remove the IP; mode: host (long form) publishes on the node a task runs on only', isObj(item.value));
  return false;
}

const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'sctp'];

const PortLong = () =>
  Type.Object(
    {
      target: Type.Integer({ minimum: 1, maximum: 65535, description: 'Container port.' }),
      published: Type.Optional(
        Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.String()], text('Host port; omitted = an ephemeral port.')),
      ),
      host_ip: Type.Optional(Type.String(text('Host interface to bind, e.g. 127.0.0.1; omitted = 0.0.0.0 (all interfaces).'))),
      protocol: Type.Optional(StringEnum(['tcp', 'udp', 'sctp'] as const, 'Transport protocol (default tcp).')),
      mode: Type.Optional(
        StringEnum(['ingress', 'host'] as const, "A service's port only: through the routing mesh on every node (ingress, default) or on the node a task runs on (host)."),
      ),
    },
    { additionalProperties: false },
  );

const Port = () =>
  Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.String(), PortLong()], {
    description: 'A published port: "H:C", "IP:H:C", "IP::C", "C", "H:C/udp", a range "8000-8002:8000-8002", or the long form.',
    errorMessage: 'must be a port: "H:C", "IP:H:C", "C", or {target, published, host_ip, protocol}',
  });

const keys = {
  ports: {
    get schema() {
      return Type.Array(Port(), text('Published ports. Without an IP they bind 0.0.0.0 (all interfaces), like docker -p.'));
    },
  },
};

/** Sorted by target, protocol, hostIp, published (ephemeral first), so equal sets compare equal. */
export function comparePorts(a: PortBinding, b: PortBinding): number {
  return a.target - b.target || byString(a.protocol, b.protocol) || byString(a.hostIp, b.hostIp) || (a.published ?? -1) - (b.published ?? -1);
}

const portKey = (p: PortBinding): string => `${p.target}/${p.protocol}`;
const sortedText = (ports: readonly PortBinding[]): string[] => ports.map(formatPort).sort();

export const ports: Field<'ports', PortBinding[], typeof keys> = {
  name: 'ports',
  prop: 'ports',
  keys,
  normalize: ({ ports }, ctx) => {
    const field = ports.value;
    if (!field) return [];
    const bindings: PortBinding[] = [];
    const service = ctx.env.deploy != null;
    for (const item of ctx.items(field)) {
      // A service publishes on its nodes' addresses: no host IP, and no defaults.ports_host_ip.
      const parsed = parsePort(item.value as string | number | LongPort, service ? ANY_IP : ctx.defaultHostIp);
      const mode = isObj(item.value) && typeof item.value.mode === 'string' ? (item.value.mode as PortMode) : undefined;
      if (!service && mode !== undefined) {
        ctx.issue([...item.path, 'mode'], "mode is a service's port setting (an environment with deploy:)", 'remove mode: a container publishes on the host it runs on', true);
      }
      const parsedBindings = ctx.report(item.path, parsed) ?? [];
      if (service && !checkServicePort(parsedBindings, item, ctx)) continue;
      for (const binding of parsedBindings) {
        const port = service ? { ...binding, mode: mode ?? 'ingress' } : binding;
        bindings.push(port);
        ctx.claimPort(port, item.path);
      }
    }
    ctx.report(field.path, checkPortCount(bindings.length));
    return bindings.sort(comparePorts);
  },
  container: {
    create: (v, body) => {
      for (const p of v) {
        body.ExposedPorts[portKey(p)] = {};
        // '' is what `docker run -p 8080:80` sends: the engine then binds IPv4 and IPv6 (0.0.0.0 alone would skip ::).
        (body.HostConfig.PortBindings[portKey(p)] ??= []).push({
          HostIp: p.hostIp === '0.0.0.0' ? '' : p.hostIp,
          HostPort: p.published === null ? '' : String(p.published),
        });
      }
    },
    observe: (i) => {
      const out: PortBinding[] = [];
      for (const [key, list] of Object.entries(i.HostConfig?.PortBindings ?? {})) {
        const [portText, protoText = 'tcp'] = key.split('/');
        const protocol = (PROTOCOLS as readonly string[]).includes(protoText) ? (protoText as Protocol) : 'tcp';
        for (const b of list ?? []) {
          const hostPort = b.HostPort ?? '';
          out.push({
            target: Number(portText),
            published: hostPort === '' ? null : Number(hostPort),
            hostIp: b.HostIp === undefined || b.HostIp === '' ? '0.0.0.0' : b.HostIp,
            protocol,
          });
        }
      }
      return out.sort(comparePorts);
    },
  },
  service: {
    create: (v, spec) =>
      void ((spec.EndpointSpec ??= {}).Ports = v.map((p) => ({
        Protocol: p.protocol,
        TargetPort: p.target,
        ...(p.published === null ? {} : { PublishedPort: p.published }),
        PublishMode: p.mode ?? 'ingress',
      }))),
    observe: (spec) =>
      (spec.EndpointSpec?.Ports ?? [])
        .map((p): PortBinding => ({
          target: p.TargetPort,
          published: p.PublishedPort ? p.PublishedPort : null,
          hostIp: ANY_IP,
          protocol: p.Protocol ?? 'tcp',
          mode: p.PublishMode ?? 'ingress',
        }))
        .sort(comparePorts),
    // Swarm refuses it at create ("port published with ingress mode can't be used with dnsrr mode"): say so at validate.
    check: (v, env, ctx) => {
      if (env.deploy?.endpointMode === 'dnsrr' && v.some((p) => p.mode === 'ingress')) {
        ctx.issue(ctx.pathOf('ports') ?? [], 'a service with endpoint_mode: dnsrr cannot publish through the ingress routing mesh', 'publish with mode: host (long form), or use endpoint_mode: vip', true);
      }
    },
  },
  change: RECREATE,
  present: { show: (v) => formatList(sortedText(v)), compare: sortedText },
  import: {
    flags: [
      {
        name: 'publish',
        short: 'p',
        takesValue: true,
        apply: (d) => {
          d.check(parsePort(d.value, '0.0.0.0'));
          d.push('ports', d.value);
        },
      },
    ],
    serviceFlags: [servicePublishFlag],
    write: (v) => onlyIf(v.length > 0, 'ports', () => v.map(specPort)),
  },
};
