// Which GPUs a device request takes, and the warnings when environments on one engine claim the same GPU. Pure.
import type { CanonicalEnv, GpuRequest } from '../fields/canonical-env.js';
import { formatGpus } from '../fields/present/format-value.js';
import { VISIBLE_DEVICES, visibleDevicesOf, visibleDevicesRequest } from '../fields/values/visible-devices.js';

/** 'all', or the GPU ids: a count N takes GPUs 0…N-1, as the engine's NVIDIA driver hands them out. */
export function claimedGpus(gpu: GpuRequest): 'all' | string[] {
  if (gpu.count === -1) return 'all';
  if (gpu.deviceIds.length > 0) return [...gpu.deviceIds];
  return Array.from({ length: gpu.count }, (_, i) => String(i));
}

export interface GpuClaim {
  /** "env:alice-det", or a container name. */
  who: string;
  gpus: GpuRequest[];
  /** NVIDIA_VISIBLE_DEVICES under the nvidia runtime, when it names GPUs (see visible-devices.ts). */
  visibleDevices?: string | null;
}

/** Every request the claim makes: its device requests and what NVIDIA_VISIBLE_DEVICES names. */
export function claimRequests(claim: GpuClaim): GpuRequest[] {
  const legacy = claim.visibleDevices ? visibleDevicesRequest(claim.visibleDevices) : null;
  return legacy === null ? claim.gpus : [...claim.gpus, legacy];
}

/** "gpus [1, 2]", "NVIDIA_VISIBLE_DEVICES=1,2", or both: how the claim was written. */
export function describeClaim(claim: GpuClaim): string {
  const parts = claim.gpus.length > 0 ? [`gpus ${formatGpus(claim.gpus)}`] : [];
  if (claim.visibleDevices) parts.push(`${VISIBLE_DEVICES}=${claim.visibleDevices}`);
  return parts.length === 0 ? 'gpus none' : parts.join('; ');
}

function overlap(a: GpuRequest[], b: GpuRequest[], indexOf: (id: string) => string): 'all' | string[] {
  const ids = (gpus: GpuRequest[]): 'all' | Set<string> => {
    const out = new Set<string>();
    for (const g of gpus) {
      const c = claimedGpus(g);
      if (c === 'all') return 'all';
      for (const id of c) out.add(indexOf(id));
    }
    return out;
  };
  const x = ids(a);
  const y = ids(b);
  if (x === 'all' || y === 'all') return 'all';
  return [...x].filter((id) => y.has(id)).sort();
}

/**
 * One warning per pair that shares a GPU ("all" beside any other claim counts), in a stable order; with `only`,
 * just the pairs that involve one of those (the claims being made now). `indexOf` puts a GPU's UUID on its index.
 */
export function gpuOverlapWarnings(claims: GpuClaim[], only?: ReadonlySet<string>, indexOf = (id: string): string => id): string[] {
  const withGpus = claims.filter((c) => claimRequests(c).length > 0).sort((a, b) => (a.who < b.who ? -1 : a.who > b.who ? 1 : 0));
  const warnings: string[] = [];
  for (let i = 0; i < withGpus.length; i++) {
    for (let j = i + 1; j < withGpus.length; j++) {
      const a = withGpus[i] as GpuClaim;
      const b = withGpus[j] as GpuClaim;
      if (only && !only.has(a.who) && !only.has(b.who)) continue;
      const shared = overlap(claimRequests(a), claimRequests(b), indexOf);
      if (shared !== 'all' && shared.length === 0) continue;
      const what = shared === 'all' ? 'the same GPUs' : `GPU ${shared.join(', ')}`;
      warnings.push(`${a.who} (${describeClaim(a)}) and ${b.who} (${describeClaim(b)}) both claim ${what}`);
    }
  }
  return warnings;
}

/**
 * The plan's view: the spec's environments (what is already observed adds nothing the spec does not say), with the
 * GPUs their device requests and, under runtime nvidia, their NVIDIA_VISIBLE_DEVICES take, warned
 * about when a container that claims a shared GPU is created or recreated — like open ports, so a no-op plan stays
 * "No changes".
 */
export function specGpuWarnings(envs: readonly CanonicalEnv[], built: readonly CanonicalEnv[]): string[] {
  // Plans made from fixtures written before `gpus` existed have none.
  const claims = envs.map((e) => ({
    who: `env:${e.name}`,
    gpus: e.gpus ?? [],
    visibleDevices: visibleDevicesOf(e.runtime, e.environment[VISIBLE_DEVICES]),
  }));
  return gpuOverlapWarnings(claims, new Set(built.map((e) => `env:${e.name}`)));
}
