// Whether the swarm manager's kernel certainly has no IPVS (so ingress ports and virtual IPs cannot work), for the
// planner's warnings. Only asked when a service of the spec needs IPVS and the manager is on this machine — a unix
// socket, or tcp to loopback: nodes in network namespaces here share this kernel; of a remote manager this machine's
// files say nothing, so nothing is said. No engine call; a spec without services reads no file.
import type { CanonicalEnv } from '../fields/canonical-env.js';
import { probeIpvs, type IpvsProbe } from '../features/ipvs/probe-ipvs.js';
import { needsIpvs } from '../plan/ipvs-warnings.js';

/** How it is known that IPVS is missing; undefined when it is there, cannot be told, or does not matter. */
export function findMissingIpvs(endpoint: string, envs: readonly CanonicalEnv[], probe: () => IpvsProbe = probeIpvs): string | undefined {
  if (!envs.some(needsIpvs) || !isOnThisMachine(endpoint)) return undefined;
  const found = probe();
  return found.ipvs === 'missing' ? found.evidence : undefined;
}

/** unix://…, or tcp:// to localhost / 127.0.0.0/8 / ::1. (A socket forwarded from another machine looks local too.) */
export function isOnThisMachine(endpoint: string): boolean {
  if (endpoint.startsWith('unix://')) return true;
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  const host = url.hostname;
  return ['tcp:', 'http:', 'https:'].includes(url.protocol) && (host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host));
}
