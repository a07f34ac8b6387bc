// Plan warnings for the services this plan creates or updates that need IPVS — a port published through the ingress
// routing mesh, a virtual IP (endpoint_mode vip) — when the swarm manager is on this machine and its kernel has none
// (observed.ipvsMissing, a fact app/ reads): the service converges, but that port never answers here and other
// services cannot reach it by name. Pure.
import type { CanonicalEnv } from '../fields/canonical-env.js';
import { formatPublished } from '../fields/present/format-value.js';
import type { Action } from './plan-types.js';
import { deployOf } from './service-config.js';

const ingressPorts = (env: CanonicalEnv): CanonicalEnv['ports'] => env.ports.filter((p) => p.mode !== 'host');

/** A service that needs the kernel's IPVS: an ingress port, or a virtual IP (the default endpoint mode). */
export function needsIpvs(env: CanonicalEnv): boolean {
  const deploy = deployOf(env);
  return deploy !== null && (deploy.endpointMode === 'vip' || ingressPorts(env).length > 0);
}

export function ipvsWarnings(actions: readonly Action[], ipvsMissing: string | undefined): string[] {
  if (ipvsMissing === undefined) return [];
  return actions.flatMap((a) => {
    if (a.kind !== 'create-service' && a.kind !== 'update-service') return [];
    const warnings: string[] = [];
    const ports = ingressPorts(a.env).map(formatPublished);
    if (ports.length > 0) {
      const which = ports.length === 1 ? `port ${ports[0]!}` : `ports ${ports.join(', ')}`;
      warnings.push(`${a.resource} publishes ${which} through the ingress routing mesh, which this machine's kernel cannot do (no IPVS): ${ports.length === 1 ? 'it' : 'they'} will not answer here; use the long form with mode: host`);
    }
    if (deployOf(a.env)?.endpointMode === 'vip') {
      warnings.push(`other services reach ${a.resource} by a virtual IP (endpoint_mode vip, the default), which this machine's kernel cannot route (no IPVS): set deploy.endpoint_mode: dnsrr`);
    }
    return warnings;
  });
}
