// Host ports across the spec: each one bound once per machine, found in linear time (so a range of 65,535 ports is
// checked at once).
import type { PortBinding } from '../fields/canonical-env.js';
import type { DataPath } from './locate-node.js';

export interface LocatedPort {
  binding: PortBinding;
  env: string;
  path: DataPath;
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
