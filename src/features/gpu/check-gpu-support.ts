// Refuses, before anything is created, a plan whose new containers ask for GPUs or a runtime the engine does not have.
import type { Engine } from '../../engine/engine.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import { ENGINE_DEFAULTS, type CanonicalEnv, type GpuRequest } from '../../fields/canonical-env.js';
import type { Plan } from '../../plan/plan-types.js';
import { stringifySorted } from '../../base/stringify-sorted.js';
import { noGpuRuntimeError } from '../../engine/engine-refusals.js';
import { hasGpuProbe } from '../../engine/gpu-probe.js';

/** Only containers the plan creates or recreates: a running GPU container is not asked again. */
function builtEnvs(plan: Plan): { resource: string; env: CanonicalEnv }[] {
  return plan.actions.flatMap((a) => (a.kind === 'create' || a.kind === 'recreate' ? [{ resource: a.resource, env: a.env }] : []));
}

/**
 * Costs nothing when no created container asks for GPUs or a runtime other than runc; otherwise one GET /info
 * and, per distinct device request, one throwaway container (created, started without running anything, removed).
 */
export async function checkGpuSupport(plan: Plan, engine: Engine): Promise<void> {
  const built = builtEnvs(plan);
  const runtimes = built.filter((b) => b.env.runtime !== ENGINE_DEFAULTS.runtime);
  const gpus = built.filter((b) => b.env.gpus.length > 0);
  if ((runtimes.length === 0 && gpus.length === 0) || !hasGpuProbe(engine)) return;

  if (runtimes.length > 0) {
    const known = new Set(await engine.engineRuntimes());
    const missing = runtimes.filter((b) => !known.has(b.env.runtime));
    const nvidia = missing.filter((b) => b.env.runtime === 'nvidia');
    if (nvidia.length > 0) throw noGpuRuntimeError(nvidia.map((b) => b.resource), 'no runtime "nvidia" in its configuration');
    const other = missing[0];
    if (other) {
      throw new EnvctlError('engine', `${other.resource}: the engine has no runtime "${other.env.runtime}"; nothing was changed`, {
        hint: `configured runtimes: ${[...known].sort().join(', ')}; add it under "runtimes" in /etc/docker/daemon.json and restart Docker, or change \`runtime\``,
      });
    }
  }

  // One probe per distinct request; the one that the engine refuses names every environment that asked for it.
  const byRequest = new Map<string, { gpu: GpuRequest; image: string; resources: string[] }>();
  for (const b of gpus) {
    for (const gpu of b.env.gpus) {
      const key = stringifySorted({ driver: gpu.driver, capabilities: gpu.capabilities, runtime: b.env.runtime });
      const entry = byRequest.get(key) ?? { gpu, image: b.env.image, resources: [] };
      entry.resources.push(b.resource);
      byRequest.set(key, entry);
    }
  }
  for (const { gpu, image, resources } of byRequest.values()) {
    const refusal = await engine.probeGpuRequest(gpu, image);
    // Without any local image there is nothing to probe with; the start would then fail with the same clear error.
    if (refusal !== null && refusal !== 'no-image') throw noGpuRuntimeError([...new Set(resources)], refusal);
  }
}
