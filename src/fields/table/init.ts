// init: run docker-init (tini) as PID 1, so signals and zombies are handled (docker --init).
import type { Field } from '../field.js';
import { onFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { rawBool } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { Bool } from '../schema-parts.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  init: {
    get schema() {
      return Bool('Run an init process (tini) as PID 1.');
    },
  },
};

export const init: Field<'init', boolean, typeof keys> = {
  name: 'init',
  prop: 'init',
  keys,
  normalize: ({ init }) => rawBool(init),
  container: {
    create: (v, body) => void (body.HostConfig.Init = v),
    observe: (i) => i.HostConfig?.Init === true,
  },
  service: { create: (v, spec) => void (containerSpec(spec).Init = v), observe: (spec) => containerSpec(spec).Init === true },
  change: RECREATE,
  present: { show: String },
  import: { flags: [onFlag('init', 'init')], serviceFlags: ['init'], write: (v) => onlyIf(v, 'init', () => true) },
};
