// Which GPUs a device request takes, and the warnings when environments on one engine claim the same GPU. Pure.
import type { CanonicalEnv, GpuRequest } from '../../spec/canonical-env.js';
import { formatGpus } from '../../plan/format-lab-value.js';

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
}

function overlap(a: GpuRequest[], b: GpuRequest[]): 'all' | string[] {
  const ids = (gpus: GpuRequest[]): 'all' | Set<string> => {
    const out = new Set<string>();
    for (const g of gpus) {
      const c = claimedGpus(g);
      if (c === 'all') return 'all';
      for (const id of c) out.add(id);
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
 * just the pairs that involve one of those (the claims being made now).
 */
export function gpuOverlapWarnings(claims: GpuClaim[], only?: ReadonlySet<string>): string[] {
  const withGpus = claims.filter((c) => c.gpus.length > 0).sort((a, b) => (a.who < b.who ? -1 : a.who > b.who ? 1 : 0));
  const warnings: string[] = [];
  for (let i = 0; i < withGpus.length; i++) {
    for (let j = i + 1; j < withGpus.length; j++) {
      const a = withGpus[i] as GpuClaim;
      const b = withGpus[j] as GpuClaim;
      if (only && !only.has(a.who) && !only.has(b.who)) continue;
      const shared = overlap(a.gpus, b.gpus);
      if (shared !== 'all' && shared.length === 0) continue;
      const what = shared === 'all' ? 'the same GPUs' : `GPU ${shared.join(', ')}`;
      warnings.push(`${a.who} (gpus ${formatGpus(a.gpus)}) and ${b.who} (gpus ${formatGpus(b.gpus)}) both claim ${what}`);
    }
  }
  return warnings;
}

/**
 * The plan's view: the spec's environments (what is already observed adds nothing the spec does not say), warned
 * about when a container that claims a shared GPU is created or recreated — like open ports, so a no-op plan stays
 * "No changes".
 */
export function specGpuWarnings(envs: readonly CanonicalEnv[], built: readonly CanonicalEnv[]): string[] {
  // Plans made from fixtures written before `gpus` existed have none.
  const claims = envs.map((e) => ({ who: `env:${e.name}`, gpus: e.gpus ?? [] }));
  return gpuOverlapWarnings(claims, new Set(built.map((e) => `env:${e.name}`)));
}
