// user: who the container's process runs as ("1000:1000", "root"); null = the image's USER.
import { Type } from '@sinclair/typebox';
import type { Field } from '../field.js';
import { valueFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { formatOptional } from '../present/format-value.js';
import { rawOptionalText } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { text } from '../schema-parts.js';
import { user as checkUser } from '../values/value-checks.js';
import { containerSpec, orNull } from '../service/service-rules.js';

const keys = {
  user: {
    get schema() {
      return Type.Union(
        [Type.String(), Type.Integer(), Type.Null()],
        text('User (and group) to run as, e.g. "1000:1000".', 'must be a user such as "1000:1000" or "root"'),
      );
    },
    check: checkUser,
  },
};

export const user: Field<'user', string | null, typeof keys> = {
  name: 'user',
  prop: 'user',
  keys,
  normalize: ({ user }) => rawOptionalText(user),
  container: {
    create: (v, body) => {
      if (v !== null) body.User = v;
    },
    observe: (i, ctx) => (ctx.inherited?.user || !i.Config?.User ? null : i.Config.User),
    inherited: (env, img) => (env.user === null && img.user !== '' ? { user: true } : {}),
  },
  service: {
    create: (v, spec) => {
      if (v !== null) containerSpec(spec).User = v;
    },
    observe: (spec) => orNull(containerSpec(spec).User),
  },
  change: RECREATE,
  present: { show: formatOptional },
  import: { flags: [valueFlag('user', 'user', 'u')], serviceFlags: ['user'], write: (v) => onlyIf(v !== null, 'user', () => v) },
};
