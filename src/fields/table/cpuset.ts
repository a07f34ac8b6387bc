// cpuset: the CPUs the container may run on (docker --cpuset-cpus); changed in place, except back to "any CPU".
import { Type } from '@sinclair/typebox';
import type { Field } from '../field.js';
import { valueFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { formatCpuset } from '../present/format-value.js';
import { text } from '../schema-parts.js';
import { parseCpuset } from '../values/parse-cpuset.js';
import { refuse } from '../service/service-rules.js';

const keys = {
  cpuset: {
    get schema() {
      return Type.Union(
        [Type.String(), Type.Integer({ minimum: 0 })],
        text('CPUs allowed, e.g. "0-7" or "0,2".', 'must be a CPU list such as "0-7" or "0,2"'),
      );
    },
  },
};

export const cpuset: Field<'cpuset', string, typeof keys> = {
  name: 'cpuset',
  prop: 'cpuset',
  keys,
  normalize: ({ cpuset }, ctx) => (cpuset.value && ctx.report(cpuset.value.path, parseCpuset(cpuset.value.value))) || '',
  container: {
    create: (v, body) => void (body.HostConfig.CpusetCpus = v),
    observe: (i) => i.HostConfig?.CpusetCpus ?? '',
  },
  service: refuse('a service cannot pin CPUs; limit or reserve them with deploy.resources, or place the service with deploy.placement.constraints'),
  change: {
    kind: 'in-place',
    needsRecreate: (from, to) => (to === '' && from !== '' ? 'removing a cpuset needs a new container' : null),
    patch: (env) => ({ cpuset: env.cpuset }),
  },
  present: { show: formatCpuset },
  import: { flags: [valueFlag('cpuset-cpus', 'cpuset')], write: (v) => onlyIf(v !== '', 'cpuset', () => v) },
};
