// Bind-mount sources that do not exist: docker then silently creates an empty root-owned directory there (even where
// a file was meant). Only asked when the engine is on this machine (a unix socket): for another machine's engine this
// machine's files say nothing, so nothing is said. No engine call.
import { statSync } from 'node:fs';
import type { CanonicalEnv } from '../fields/canonical-env.js';

/** Sorted absolute paths; undefined when the engine is not on this machine (it cannot be checked from here). */
export function findMissingBindSources(endpoint: string, envs: readonly CanonicalEnv[]): string[] | undefined {
  if (!endpoint.startsWith('unix://')) return undefined;
  const sources = new Set(envs.flatMap((e) => e.mounts.flatMap((m) => (m.type === 'bind' ? [m.source] : []))));
  return [...sources].filter(isMissing).sort();
}

function isMissing(path: string): boolean {
  try {
    statSync(path);
    return false;
  } catch (err) {
    // Only a path that is not there; one this user may not read (EACCES) exists for the engine.
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR';
  }
}
