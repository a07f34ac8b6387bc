// cpus: a CPU limit (docker --cpus, NanoCpus); changed in place, except back to "unlimited", which docker update cannot do.
import { Type } from '@sinclair/typebox';
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatCpus } from '../present/format-value.js';
import { text } from '../schema-parts.js';
import { parseCpus } from '../values/parse-cpus.js';
import { refuse } from '../service/service-rules.js';

const keys = {
  cpus: {
    get schema() {
      return Type.Union(
        [Type.Number({ minimum: 0 }), Type.String()],
        text('Number of CPUs, e.g. 8 or 0.5 (default unlimited).', 'must be a number of CPUs, e.g. 8 or 0.5'),
      );
    },
  },
};

export const cpus: Field<'cpus', number, typeof keys> = {
  name: 'cpus',
  prop: 'cpus',
  keys,
  normalize: ({ cpus }, ctx) => (cpus.value && ctx.report(cpus.value.path, parseCpus(cpus.value.value))) || 0,
  container: {
    create: (v, body) => void (body.HostConfig.NanoCpus = Math.round(v * 1e9)),
    observe: (i) => {
      const host = i.HostConfig ?? {};
      if (host.NanoCpus) return host.NanoCpus / 1e9;
      // `docker run --cpu-quota` (the older way to say --cpus) with the kernel's default period of 100ms.
      if (host.CpuQuota && host.CpuQuota > 0) return host.CpuQuota / (host.CpuPeriod || 100_000);
      return 0;
    },
  },
  service: refuse('on a service, write deploy.resources.limits.cpus (and reservations.cpus to reserve them)'),
  change: {
    kind: 'in-place',
    // docker update treats 0 as "leave as is": going back to unlimited needs a new container.
    needsRecreate: (from, to) => (to === 0 && from !== 0 ? 'removing a cpus limit needs a new container' : null),
    patch: (env) => ({ cpus: env.cpus }),
  },
  present: { show: formatCpus },
  import: {
    flags: [
      {
        name: 'cpus',
        takesValue: true,
        apply: (d) => {
          const n = Number(d.value);
          if (d.value.trim() === '' || !Number.isFinite(n) || n < 0) d.fail(`"${d.value}" is not a number of CPUs`, 'e.g. 8 or 0.5');
          d.set('cpus', n);
        },
      },
    ],
    write: (v) => onlyIf(v > 0, 'cpus', () => v),
  },
};
