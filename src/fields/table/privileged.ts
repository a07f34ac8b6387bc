// privileged: give the container every capability and all host devices (docker --privileged).
import type { Field } from '../field.js';
import { onFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { rawBool } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { Bool } from '../schema-parts.js';
import { refuse } from '../service/service-rules.js';

const keys = {
  privileged: {
    get schema() {
      return Bool('Run privileged.');
    },
  },
};

export const privileged: Field<'privileged', boolean, typeof keys> = {
  name: 'privileged',
  prop: 'privileged',
  keys,
  normalize: ({ privileged }) => rawBool(privileged),
  container: {
    create: (v, body) => void (body.HostConfig.Privileged = v),
    observe: (i) => i.HostConfig?.Privileged === true,
  },
  service: refuse('a service cannot run privileged; add the capabilities it needs with cap_add'),
  change: RECREATE,
  present: { show: String },
  import: { flags: [onFlag('privileged', 'privileged')], write: (v) => onlyIf(v, 'privileged', () => true) },
};
