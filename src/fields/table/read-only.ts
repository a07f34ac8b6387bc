// read_only: the container's root filesystem is mounted read-only (docker --read-only, Compose's read_only); the
// container writes only to its volumes and tmpfs mounts.
import type { Field } from '../field.js';
import { onFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { rawBool } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { Bool } from '../schema-parts.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  read_only: {
    get schema() {
      return Bool("Mount the container's root filesystem read-only; it writes only to volumes and tmpfs (default false).");
    },
  },
};

export const readOnly: Field<'readOnly', boolean, typeof keys> = {
  name: 'read_only',
  prop: 'readOnly',
  keys,
  normalize: ({ read_only }) => rawBool(read_only),
  container: {
    create: (v, body) => void (body.HostConfig.ReadonlyRootfs = v),
    observe: (i) => i.HostConfig?.ReadonlyRootfs === true,
  },
  service: { create: (v, spec) => void (containerSpec(spec).ReadOnly = v), observe: (spec) => containerSpec(spec).ReadOnly === true },
  change: RECREATE,
  present: { show: String },
  import: { flags: [onFlag('read-only', 'read_only')], serviceFlags: ['read-only'], write: (v) => onlyIf(v, 'read_only', () => true) },
};
