// mem_limit: a memory limit (docker -m); changed in place (with memory_swap, which the engine checks against it),
// except back to "unlimited", which docker update cannot do.
import type { CanonicalEnv } from '../canonical-env.js';
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatMemLimit } from '../present/format-value.js';
import { specSize } from '../present/spec-values.js';
import { Size } from '../schema-parts.js';
import type { UpdatePatch } from '../update-patch.js';
import { parseFieldSize } from '../values/parse-size.js';
import { refuse } from '../service/service-rules.js';

const keys = {
  mem_limit: {
    get schema() {
      return Size('Memory limit, e.g. 64g (default unlimited).');
    },
  },
};

/** Memory and swap go to docker update together: the engine checks one against the other. */
export function memoryPatch(env: CanonicalEnv): UpdatePatch {
  return { memLimitBytes: env.memLimitBytes, ...(env.memSwapBytes !== 0 ? { memSwapBytes: env.memSwapBytes } : {}) };
}

export const memLimit: Field<'memLimitBytes', number, typeof keys> = {
  name: 'mem_limit',
  prop: 'memLimitBytes',
  keys,
  normalize: ({ mem_limit }, ctx) => (mem_limit.value && ctx.report(mem_limit.value.path, parseFieldSize(mem_limit.value.value, 'mem_limit'))) ?? 0,
  container: {
    create: (v, body) => void (body.HostConfig.Memory = v),
    observe: (i) => i.HostConfig?.Memory ?? 0,
  },
  service: refuse('on a service, write deploy.resources.limits.memory (and reservations.memory to reserve it)'),
  change: {
    kind: 'in-place',
    needsRecreate: (from, to) => (to === 0 && from !== 0 ? 'removing a memory limit needs a new container' : null),
    patch: memoryPatch,
  },
  present: { show: formatMemLimit },
  import: {
    flags: [{ name: 'memory', short: 'm', takesValue: true, apply: (d) => d.set('mem_limit', d.size()) }],
    write: (v) => onlyIf(v > 0, 'mem_limit', () => specSize(v)),
  },
};
