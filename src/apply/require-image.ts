// Looks up the image a container is created from; a missing image is a clear error, not a failed create call.
import type { Engine, ImageInfo } from '../engine/engine.js';
import { EnvctlError } from '../errors/envctl-error.js';

/** The planner pulls (or not) per pull_policy; by the time a container is created the image must be on the engine. */
export async function requireImage(engine: Engine, ref: string, consequence = ''): Promise<ImageInfo> {
  const image = await engine.inspectImage(ref);
  if (image === null) {
    throw new EnvctlError('not-found', `image ${ref} is not on this engine${consequence}`, {
      hint: 'pull it, or build it locally',
    });
  }
  return image;
}
