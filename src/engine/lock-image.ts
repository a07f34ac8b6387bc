// The image behind envctl's engine-side lock: no files at all, imported once on demand, so taking a lock never needs
// a registry or any particular image to be present on the engine.
import { Readable } from 'node:stream';

export const LOCK_IMAGE = 'envctl/lock:1';

/** An empty tar archive: two 512-byte zero blocks mark its end. */
export function lockImageTar(): Readable {
  return Readable.from([Buffer.alloc(1024)]);
}
