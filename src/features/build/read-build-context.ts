// What a build sends and what it depends on: the one walk of the context (after .dockerignore), refused when it is
// bigger than `build.max_context`, and one hash over it plus the Dockerfile path, build args and target. The plan
// compares that hash with the label on the image built last; the build sends exactly these entries.
import type { BuildContextEntry } from '../../engine/engine.js';
import type { BuildSpec } from '../../spec/image-source.js';
import { hashBuildContext } from './hash-build-context.js';
import { contextBytes, refuseLargeContext } from './refuse-large-context.js';
import { walkBuildContext } from './walk-build-context.js';

export interface BuildContext {
  /** Sorted by path. */
  entries: BuildContextEntry[];
  /** The Dockerfile's path in the sent context. */
  dockerfile: string;
  /** What is sent: the entries' sizes added up. */
  bytes: number;
  hash: string;
}

/**
 * Hashes made in this process, by the walk they were made from. apply reads a context up to three times (its plan,
 * the plan again under the lock, the build): a walk whose every entry has the same path, size, mode and mtime (as
 * make and git decide "unchanged") reuses the hash instead of reading gigabytes again.
 */
const hashes = new Map<string, { walk: string; hash: string }>();

export async function readBuildContext(build: BuildSpec): Promise<BuildContext> {
  const { entries, dockerfile } = walkBuildContext(build);
  refuseLargeContext(build, entries);
  const key = JSON.stringify(build);
  const walk = JSON.stringify(entries.map((e) => [e.path, e.size, e.mode, e.mtimeMs, e.linkTarget, e.content?.toString('base64')]));
  const known = hashes.get(key);
  const hash = known?.walk === walk ? known.hash : await hashBuildContext(build, entries);
  hashes.set(key, { walk, hash });
  return { entries, dockerfile, bytes: contextBytes(entries), hash };
}
