// pids_limit: the most processes the container may run (docker --pids-limit); changed in place.
import { Type } from '@sinclair/typebox';
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatPidsLimit } from '../present/format-value.js';
import { refuse } from '../service/service-rules.js';

const keys = {
  pids_limit: {
    get schema() {
      return Type.Integer({
        minimum: -1,
        // PID_MAX_LIMIT: the kernel refuses a larger pids.max, so the container would be created and never start.
        maximum: 4194304,
        description: 'Maximum number of processes (-1 or 0 = unlimited; at most 4194304, the kernel’s limit).',
        errorMessage: 'must be a whole number from -1 to 4194304 (the kernel’s limit; -1 or 0 = unlimited)',
      });
    },
  },
};

export const pidsLimit: Field<'pidsLimit', number, typeof keys> = {
  name: 'pids_limit',
  prop: 'pidsLimit',
  keys,
  normalize: ({ pids_limit }) => {
    const n = typeof pids_limit.value?.value === 'number' ? pids_limit.value.value : 0;
    return n <= 0 ? 0 : n;
  },
  container: {
    create: (v, body) => void (body.HostConfig.PidsLimit = v),
    observe: (i) => {
      const n = i.HostConfig?.PidsLimit;
      return n && n > 0 ? n : 0;
    },
  },
  // docker update sends "unlimited" as -1.
  service: refuse('on a service, write deploy.resources.limits.pids'),
  change: { kind: 'in-place', needsRecreate: () => null, patch: (env) => ({ pidsLimit: env.pidsLimit }) },
  present: { show: formatPidsLimit },
  import: {
    flags: [{ name: 'pids-limit', takesValue: true, apply: (d) => d.set('pids_limit', d.integer()) }],
    write: (v) => onlyIf(v !== 0, 'pids_limit', () => v),
  },
};
