// Host ports across the spec: each one bound once per machine (found in linear time, so a range of 65,535 ports is
// checked at once), and no environment publishing more ports than an engine can sensibly serve.
import type { PortBinding } from '../fields/canonical-env.js';
import type { DataPath } from './locate-node.js';
import { fail, ok, type Parsed } from '../fields/values/parse-result.js';

export interface LocatedPort {
  binding: PortBinding;
  env: string;
  path: DataPath;
}

/**
 * The engine runs a docker-proxy process per published port and address family (about 7 MB and 30 ms a port, measured
 * on Docker 20.10): 1,000 ports already cost 7 GB. Beyond that a range is a mistake, or a job for network_mode: host.
 */
export const MAX_PORTS_PER_ENVIRONMENT = 1000;

export function checkPortCount(count: number): Parsed<number> {
  if (count <= MAX_PORTS_PER_ENVIRONMENT) return ok(count);
  return fail(
    `${count} ports are published; at most ${MAX_PORTS_PER_ENVIRONMENT} per environment (the engine starts a proxy process for each, about 7 MB apiece)`,
    'publish fewer ports, or use `network_mode: host` to reach every port of the container without publishing',
  );
}

const isWildcard = (ip: string): boolean => ip === '0.0.0.0' || ip === '::';

/**
 * Each published port that clashes with one listed before it: same machine (`machineOf` the environment), port and
 * protocol, and the same address or a wildcard (0.0.0.0 or ::) on either side.
 */
export function findPortClashes(ports: LocatedPort[], machineOf: (env: string) => string | null): { entry: LocatedPort; clash: LocatedPort }[] {
  // Per machine, port and protocol: the first wildcard binding, and the first binding of each address.
  const taken = new Map<string, { wildcard?: LocatedPort; first?: LocatedPort; byIp: Map<string, LocatedPort> }>();
  const clashes: { entry: LocatedPort; clash: LocatedPort }[] = [];
  for (const entry of ports) {
    const { binding } = entry;
    if (binding.published === null) continue;
    const key = `${machineOf(entry.env) ?? ''}\u0000${binding.published}/${binding.protocol}`;
    let slot = taken.get(key);
    if (slot === undefined) {
      slot = { byIp: new Map() };
      taken.set(key, slot);
    }
    const clash = isWildcard(binding.hostIp) ? slot.first : (slot.wildcard ?? slot.byIp.get(binding.hostIp));
    if (clash) {
      clashes.push({ entry, clash });
      continue;
    }
    slot.first ??= entry;
    if (isWildcard(binding.hostIp)) slot.wildcard ??= entry;
    if (!slot.byIp.has(binding.hostIp)) slot.byIp.set(binding.hostIp, entry);
  }
  return clashes;
}
