// Use-case behind `envctl gpus`: every GPU claim of every live container on the engine, plus nvidia-smi numbers.
import type { Engine } from '../../engine/engine.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import { compareStrings } from '../../base/compare-strings.js';
import { formatGpuRequest } from '../../fields/present/format-value.js';
import { claimedGpus, claimRequests, describeClaim, gpuOverlapWarnings, type GpuClaim } from '../../plan/gpu-claims.js';
import { hasGpuProbe, type GpuClaimContainer } from '../../engine/gpu-probe.js';
import { readNvidiaSmi, type GpuStats } from './read-nvidia-smi.js';
import { visibleDevicesOf } from '../../fields/values/visible-devices.js';

export interface GpuUser {
  container: string;
  project: string | null;
  env: string | null;
  status: string;
  /** The device request as the plan shows it: "all", "2", "[0, 3]"; "" when only NVIDIA_VISIBLE_DEVICES claims GPUs. */
  request: string;
  /** NVIDIA_VISIBLE_DEVICES under the nvidia runtime (`docker run --runtime nvidia -e NVIDIA_VISIBLE_DEVICES=1,2`). */
  visibleDevices: string | null;
  /** Both, as the text shows them: "gpus [1, 2]", "NVIDIA_VISIBLE_DEVICES=3". */
  claim: string;
}

export interface GpuUsageRow {
  /** A GPU index or id, or "all" for claims on every GPU when the GPUs themselves are unknown. */
  gpu: string;
  stats: GpuStats | null;
  users: GpuUser[];
}

export interface GpuUsage {
  /** false: nvidia-smi is not on this host, so only the claims are known. */
  nvidiaSmi: boolean;
  /** Why there are no nvidia-smi numbers, when it is not "not installed". */
  statsNote?: string;
  rows: GpuUsageRow[];
  warnings: string[];
}

function userOf(c: GpuClaimContainer, claim: GpuClaim): GpuUser {
  const request = c.gpus.map(formatGpuRequest).join('; ');
  return { container: c.name, project: c.project, env: c.envName, status: c.status, request, visibleDevices: claim.visibleDevices ?? null, claim: describeClaim(claim) };
}

const byGpu = (a: string, b: string): number => {
  const na = Number(a);
  const nb = Number(b);
  if (a === 'all' || b === 'all') return a === 'all' ? -1 : 1;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return compareStrings(a, b);
};

export function buildGpuUsage(containers: GpuClaimContainer[], stats: GpuStats[] | null): GpuUsage {
  const rows = new Map<string, GpuUsageRow>();
  const row = (gpu: string): GpuUsageRow => {
    let r = rows.get(gpu);
    if (!r) {
      r = { gpu, stats: stats?.find((s) => s.index === gpu) ?? null, users: [] };
      rows.set(gpu, r);
    }
    return r;
  };
  for (const s of stats ?? []) row(s.index);
  // A UUID claim lands on its GPU's index when nvidia-smi tells which one it is.
  const indexOf = (id: string): string => stats?.find((s) => s.uuid === id)?.index ?? id;
  const claims = containers.map((c): { c: GpuClaimContainer; claim: GpuClaim } => ({
    c,
    claim: { who: c.name, gpus: c.gpus, visibleDevices: visibleDevicesOf(c.runtime, c.visibleDevices) },
  }));
  for (const { c, claim } of claims) {
    const ids = new Set<string>();
    let all = false;
    for (const gpu of claimRequests(claim)) {
      const claimed = claimedGpus(gpu);
      if (claimed === 'all') all = true;
      else for (const id of claimed) ids.add(indexOf(id));
    }
    const targets = all ? (stats ? stats.map((s) => s.index) : ['all']) : [...ids];
    for (const gpu of targets) row(gpu).users.push(userOf(c, claim));
  }
  const warnings = gpuOverlapWarnings(claims.filter(({ c }) => c.status === 'running').map(({ claim }) => claim), undefined, indexOf);
  return { nvidiaSmi: stats !== null, rows: [...rows.values()].sort((a, b) => byGpu(a.gpu, b.gpu)), warnings };
}

export async function listGpuUsage(connect: () => Engine, readStats = readNvidiaSmi): Promise<GpuUsage> {
  const engine = connect();
  if (!hasGpuProbe(engine)) throw new EnvctlError('internal', 'this engine connection cannot list GPU claims');
  const [containers, stats] = await Promise.all([engine.listGpuContainers(), readStats()]);
  return buildGpuUsage(containers, stats);
}
