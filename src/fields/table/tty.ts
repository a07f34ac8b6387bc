// tty: allocate a pseudo-terminal (docker -t).
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { rawBool } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { Bool } from '../schema-parts.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  tty: {
    get schema() {
      return Bool('Allocate a pseudo-TTY (default false).');
    },
  },
};

export const tty: Field<'tty', boolean, typeof keys> = {
  name: 'tty',
  prop: 'tty',
  keys,
  normalize: ({ tty }) => rawBool(tty),
  container: {
    create: (v, body) => void (body.Tty = v),
    observe: (i) => i.Config?.Tty === true,
  },
  service: { create: (v, spec) => void (containerSpec(spec).TTY = v), observe: (spec) => containerSpec(spec).TTY === true },
  change: RECREATE,
  present: { show: String },
  import: {
    flags: [{ name: 'tty', short: 't', takesValue: false, apply: (d) => d.set('tty', d.on) }],
    serviceFlags: ['tty'],
    write: (v) => onlyIf(v, 'tty', () => true),
  },
};
