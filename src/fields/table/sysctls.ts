// sysctls: kernel parameters inside the container ({net.core.somaxconn: 1024}; merged with defaults).
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatMap } from '../present/format-value.js';
import { byString } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { ListOrDict } from '../schema-parts.js';
import { sysctls as checkSysctls } from '../values/value-checks.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  sysctls: {
    get schema() {
      return ListOrDict('Kernel parameters in the container, e.g. {net.core.somaxconn: 1024}.');
    },
    check: checkSysctls,
  },
};

const sorted = (map: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(map).sort(([a], [b]) => byString(a, b)));

export const sysctls: Field<'sysctls', Record<string, string>, typeof keys> = {
  name: 'sysctls',
  prop: 'sysctls',
  keys,
  normalize: ({ sysctls }, ctx) => {
    const out: Record<string, string> = {};
    for (const source of sysctls.layers) {
      for (const entry of ctx.keyValues(source)) {
        if (entry.value === null || entry.value === '') ctx.issue(entry.path, `sysctl \`${entry.key}\` has no value`, 'write key=value');
        else out[entry.key] = entry.value;
      }
    }
    return sorted(out);
  },
  container: {
    create: (v, body) => void (body.HostConfig.Sysctls = { ...v }),
    observe: (i) => sorted({ ...(i.HostConfig?.Sysctls ?? {}) }),
  },
  service: { create: (v, spec) => void (containerSpec(spec).Sysctls = { ...v }), observe: (spec) => sorted({ ...(containerSpec(spec).Sysctls ?? {}) }) },
  change: RECREATE,
  present: { show: formatMap },
  import: {
    flags: [
      {
        name: 'sysctl',
        takesValue: true,
        apply: (d) => {
          const eq = d.value.indexOf('=');
          if (eq <= 0) d.fail(`"${d.value}" is not name=value`);
          d.entry('sysctls', d.value.slice(0, eq), d.value.slice(eq + 1));
        },
      },
    ],
    serviceFlags: ['sysctl'],
    write: (v) => onlyIf(Object.keys(v).length > 0, 'sysctls', () => ({ ...v })),
  },
};
