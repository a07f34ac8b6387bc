// What the GPU checks ask of an engine beyond the Engine interface; DockerEngine implements it (dockerode stays there).
import type { GpuRequest } from '../../spec/canonical-env.js';

export interface GpuClaimContainer {
  id: string;
  name: string;
  /** dev.envctl.project / dev.envctl.env labels, null for containers envctl does not own. */
  project: string | null;
  envName: string | null;
  status: string;
  gpus: GpuRequest[];
}

export interface GpuProbe {
  /** Names of the runtimes the engine is configured with (GET /info → Runtimes). */
  engineRuntimes(): Promise<string[]>;
  /**
   * Asks the engine to really start a throwaway container with this device request (its entrypoint does not exist, so
   * nothing runs) and removes it at once: null = the engine can serve the request; otherwise the engine's refusal.
   * 'no-image' when there is no local image to make the throwaway container from.
   */
  probeGpuRequest(gpu: GpuRequest, image: string): Promise<string | null | 'no-image'>;
  /** Every container (any project, any state) that has device requests: one list call + inspects of candidates. */
  listGpuContainers(): Promise<GpuClaimContainer[]>;
}

export function hasGpuProbe(engine: object): engine is GpuProbe {
  return 'probeGpuRequest' in engine && 'engineRuntimes' in engine && 'listGpuContainers' in engine;
}
