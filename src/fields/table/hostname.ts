// hostname: the container's host name (docker -h); null = the engine's choice (the id prefix, or the host's name).
import type { Field } from '../field.js';
import { valueFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { formatOptional } from '../present/format-value.js';
import { rawOptionalText } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { NullableString } from '../schema-parts.js';
import { hostname as checkHostname } from '../values/value-checks.js';
import { containerSpec, orNull } from '../service/service-rules.js';

const keys = {
  hostname: {
    get schema() {
      return NullableString('Hostname inside the container.');
    },
    check: checkHostname,
  },
};

export const hostname: Field<'hostname', string | null, typeof keys> = {
  name: 'hostname',
  prop: 'hostname',
  keys,
  normalize: ({ hostname }) => rawOptionalText(hostname),
  container: {
    create: (v, body) => {
      if (v !== null) body.Hostname = v;
    },
    observe: (i, ctx) => {
      const given = i.Config?.Hostname;
      // Without the label (a container made by hand), the engine's own choice is the id's first 12 digits.
      const engineChose = ctx.inherited ? ctx.inherited.hostname === true : given === i.Id.slice(0, 12);
      return engineChose || !given ? null : given;
    },
    inherited: (env) => (env.hostname === null ? { hostname: true } : {}),
  },
  service: {
    create: (v, spec) => {
      if (v !== null) containerSpec(spec).Hostname = v;
    },
    observe: (spec) => orNull(containerSpec(spec).Hostname),
  },
  change: RECREATE,
  present: { show: formatOptional },
  import: { flags: [valueFlag('hostname', 'hostname', 'h')], serviceFlags: [valueFlag('hostname', 'hostname')], write: (v) => onlyIf(v !== null, 'hostname', () => v) },
};
