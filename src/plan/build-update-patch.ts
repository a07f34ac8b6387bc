// The engine update for fields that change in place (`docker update`): what an `update` action sends.
import type { UpdatePatch } from '../engine/engine.js';
import type { CanonicalEnv } from '../spec/canonical-env.js';
import type { EnvChange } from './diff-env.js';

export function buildPatch(changes: EnvChange[], env: CanonicalEnv): UpdatePatch {
  const patch: UpdatePatch = {};
  for (const change of changes) {
    if (change.field === 'restart') patch.restart = env.restart;
    else if (change.field === 'cpus') patch.cpus = env.cpus;
    else if (change.field === 'mem_limit' || change.field === 'memory_swap') {
      // Memory and swap go together: the engine checks one against the other.
      patch.memLimitBytes = env.memLimitBytes;
      if (env.memSwapBytes !== 0) patch.memSwapBytes = env.memSwapBytes;
    } else if (change.field === 'pids_limit') patch.pidsLimit = env.pidsLimit;
    else if (change.field === 'cpuset') patch.cpuset = env.cpuset;
  }
  return patch;
}
