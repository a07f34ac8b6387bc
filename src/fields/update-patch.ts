// What `docker update` can change on a running container, in envctl's terms: the in-place fields' patches.
import type { RestartPolicy } from './canonical-env.js';

export interface UpdatePatch {
  restart?: RestartPolicy;
  cpus?: number;
  memLimitBytes?: number;
  cpuset?: string;
  /** 0 = unlimited. */
  pidsLimit?: number;
  /** Sent with memLimitBytes; 0 = twice the memory (the engine's default), -1 = unlimited swap. */
  memSwapBytes?: number;
}
