// stdin_open: keep stdin open (docker -i).
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { rawBool } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { Bool } from '../schema-parts.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  stdin_open: {
    get schema() {
      return Bool('Keep stdin open (default false).');
    },
  },
};

export const stdinOpen: Field<'stdinOpen', boolean, typeof keys> = {
  name: 'stdin_open',
  prop: 'stdinOpen',
  keys,
  normalize: ({ stdin_open }) => rawBool(stdin_open),
  container: {
    create: (v, body) => void (body.OpenStdin = v),
    observe: (i) => i.Config?.OpenStdin === true,
  },
  service: { create: (v, spec) => void (containerSpec(spec).OpenStdin = v), observe: (spec) => containerSpec(spec).OpenStdin === true },
  change: RECREATE,
  present: { show: String },
  import: {
    flags: [{ name: 'interactive', short: 'i', takesValue: false, apply: (d) => d.set('stdin_open', d.on) }],
    write: (v) => onlyIf(v, 'stdin_open', () => true),
  },
};
