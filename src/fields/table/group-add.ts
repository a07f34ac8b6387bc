// group_add: extra groups (names or ids) for the container's user.
import { Type } from '@sinclair/typebox';
import type { Field } from '../field.js';
import { listFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { formatList } from '../present/format-value.js';
import { byString, rawStrings, sortedSet } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { text } from '../schema-parts.js';
import { groups } from '../values/value-checks.js';
import { containerSpec, sortedList } from '../service/service-rules.js';

const keys = {
  group_add: {
    get schema() {
      return Type.Array(
        Type.Union([Type.String(), Type.Integer({ minimum: 0 })]),
        text('Extra groups (names or ids) for the container user.', 'must be a list of group names or ids'),
      );
    },
    check: groups,
  },
};

export const groupAdd: Field<'groupAdd', string[], typeof keys> = {
  name: 'group_add',
  prop: 'groupAdd',
  keys,
  normalize: ({ group_add }, ctx) => sortedSet(rawStrings(group_add, ctx)),
  container: {
    create: (v, body) => void (body.HostConfig.GroupAdd = [...v]),
    observe: (i) => [...(i.HostConfig?.GroupAdd ?? [])].sort(byString),
  },
  service: { create: (v, spec) => void (containerSpec(spec).Groups = [...v]), observe: (spec) => sortedList(containerSpec(spec).Groups) },
  change: RECREATE,
  present: { show: formatList },
  import: { flags: [listFlag('group-add', 'group_add')], serviceFlags: [listFlag('group', 'group_add')], write: (v) => onlyIf(v.length > 0, 'group_add', () => [...v]) },
};
