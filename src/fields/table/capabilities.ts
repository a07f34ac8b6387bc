// cap_add and cap_drop: Linux capabilities added to or dropped from the container's set (stored as CAP_…, sorted).
import type { Field } from '../field.js';
import { listFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { formatList } from '../present/format-value.js';
import { byString, rawStrings, sortedSet } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { StringList } from '../schema-parts.js';
import { parseCapability } from '../values/parse-capability.js';
import { containerSpec, sortedList } from '../service/service-rules.js';

const addKeys = {
  cap_add: {
    get schema() {
      return StringList('Linux capabilities to add, e.g. SYS_PTRACE.');
    },
  },
};
const dropKeys = {
  cap_drop: {
    get schema() {
      return StringList('Linux capabilities to drop.');
    },
  },
};

export const capAdd: Field<'capAdd', string[], typeof addKeys> = {
  name: 'cap_add',
  prop: 'capAdd',
  keys: addKeys,
  normalize: ({ cap_add }, ctx) => sortedSet(rawStrings(cap_add, ctx, parseCapability)),
  container: {
    create: (v, body) => void (body.HostConfig.CapAdd = [...v]),
    observe: (i) => [...(i.HostConfig?.CapAdd ?? [])].sort(byString),
  },
  service: { create: (v, spec) => void (containerSpec(spec).CapabilityAdd = [...v]), observe: (spec) => sortedList(containerSpec(spec).CapabilityAdd) },
  change: RECREATE,
  present: { show: formatList },
  import: { flags: [listFlag('cap-add', 'cap_add')], serviceFlags: ['cap-add'], write: (v) => onlyIf(v.length > 0, 'cap_add', () => [...v]) },
};

export const capDrop: Field<'capDrop', string[], typeof dropKeys> = {
  name: 'cap_drop',
  prop: 'capDrop',
  keys: dropKeys,
  normalize: ({ cap_drop }, ctx) => sortedSet(rawStrings(cap_drop, ctx, parseCapability)),
  container: {
    create: (v, body) => void (body.HostConfig.CapDrop = [...v]),
    observe: (i) => [...(i.HostConfig?.CapDrop ?? [])].sort(byString),
  },
  service: { create: (v, spec) => void (containerSpec(spec).CapabilityDrop = [...v]), observe: (spec) => sortedList(containerSpec(spec).CapabilityDrop) },
  change: RECREATE,
  present: { show: formatList },
  import: { flags: [listFlag('cap-drop', 'cap_drop')], serviceFlags: ['cap-drop'], write: (v) => onlyIf(v.length > 0, 'cap_drop', () => [...v]) },
};
