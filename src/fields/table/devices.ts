// devices: host devices exposed in the container ("host:container:permissions", sorted).
import type { Field } from '../field.js';
import { listFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { formatList } from '../present/format-value.js';
import { byString, rawStrings, sortedSet } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { StringList } from '../schema-parts.js';
import { parseDevice } from '../values/parse-device.js';
import { refuse } from '../service/service-rules.js';

const keys = {
  devices: {
    get schema() {
      return StringList('Host devices to expose, e.g. /dev/fuse.');
    },
  },
};

export const devices: Field<'devices', string[], typeof keys> = {
  name: 'devices',
  prop: 'devices',
  keys,
  normalize: ({ devices }, ctx) => sortedSet(rawStrings(devices, ctx, parseDevice)),
  container: {
    create: (v, body) =>
      void (body.HostConfig.Devices = v.map((d) => {
        const [host = '', container = '', permissions = ''] = d.split(':');
        return { PathOnHost: host, PathInContainer: container, CgroupPermissions: permissions };
      })),
    observe: (i) =>
      (i.HostConfig?.Devices ?? []).map((d) => `${d.PathOnHost ?? ''}:${d.PathInContainer ?? ''}:${d.CgroupPermissions ?? ''}`).sort(byString),
  },
  service: refuse('a service cannot map host devices (Swarm has no --device); keep this environment a container (no deploy:), or reserve GPUs with deploy.resources.reservations'),
  change: RECREATE,
  present: { show: formatList },
  import: { flags: [listFlag('device', 'devices')], write: (v) => onlyIf(v.length > 0, 'devices', () => [...v]) },
};
