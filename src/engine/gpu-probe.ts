// What the GPU checks ask of an engine beyond the Engine interface; DockerEngine implements it (dockerode stays there).
import type { GpuRequest } from '../fields/canonical-env.js';

export interface GpuClaimContainer {
  id: string;
  name: string;
  /** dev.envctl.project / dev.envctl.env labels, null for containers envctl does not own. */
  project: string | null;
  envName: string | null;
  status: string;
  gpus: GpuRequest[];
  /** HostConfig.Runtime ('runc' when unset). */
  runtime: string;
  /** NVIDIA_VISIBLE_DEVICES in its Config.Env, null when unset: GPUs under the nvidia runtime (visible-devices.ts). */
  visibleDevices: string | null;
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
  /** Every container (any project, any state) with device requests or NVIDIA_VISIBLE_DEVICES: one list call + inspects. */
  listGpuContainers(): Promise<GpuClaimContainer[]>;
}

export function hasGpuProbe(engine: object): engine is GpuProbe {
  return 'probeGpuRequest' in engine && 'engineRuntimes' in engine && 'listGpuContainers' in engine;
}
