// Whether an environment's image changed behind the same reference (a new build, a newer registry image).
import type { CanonicalEnv } from '../fields/canonical-env.js';
import type { ImageState } from './observed-state.js';
import { shortImage } from './short-ids.js';

/**
 * A change of the image behind the same reference, which forces a recreate: only for envs that build their image or
 * pull it `always` (the user asked for the newest); `null` when the image stays. Decided per container by planEnv.
 */
export interface ImageChange {
  /** The container runs this image id or not: a container on another id must be recreated. */
  wanted: string | null;
  /** What the new image is, for the diff ("a new build", "registry sha256:…"). */
  describe: string;
}

export function imageChange(env: CanonicalEnv, state: ImageState | undefined): ImageChange | null {
  if (state === undefined) return null;
  if (state.kind === 'build') return { wanted: state.imageId, describe: state.imageId === null ? 'a new build' : shortImage(state.imageId) };
  if (!state.current) return { wanted: null, describe: `registry ${shortImage(state.digest)}` };
  return { wanted: state.imageId, describe: state.imageId === null ? env.image : shortImage(state.imageId) };
}
