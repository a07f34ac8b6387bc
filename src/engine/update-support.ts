// Which `docker update` changes the engine can really make in place (Docker 20.10 treats 0 / '' as "leave as is").
import type { UpdatePatch } from './engine.js';

/**
 * null when the patch can be applied to the same container; otherwise why not. Going back to "unlimited" memory or
 * cpus, or to "any CPU", is silently ignored by the engine (0 and '' mean "unchanged" in the update API), and memory
 * below 6 MiB is refused, so the planner must recreate for these instead of updating.
 */
export function unsupportedUpdate(patch: UpdatePatch): string | null {
  if (patch.memLimitBytes !== undefined) {
    if (patch.memLimitBytes === 0) return 'removing a memory limit needs a new container';
    if (patch.memLimitBytes < 6 * 1024 * 1024) return 'the engine refuses memory limits below 6 MiB';
  }
  if (patch.cpus !== undefined && patch.cpus === 0) return 'removing a cpus limit needs a new container';
  if (patch.cpuset !== undefined && patch.cpuset === '') return 'removing a cpuset needs a new container';
  return null;
}
