// volumes on a service: each canonical mount as a service's Mounts entry and back (bind, named volume, tmpfs).
import type { Mount } from '../canonical-env.js';
import type { ServiceMountJson } from '../service-json.js';

export function serviceMount(m: Mount): ServiceMountJson {
  if (m.type === 'tmpfs') return { Type: 'tmpfs', Target: m.target, ...(m.sizeBytes === null ? {} : { TmpfsOptions: { SizeBytes: m.sizeBytes } }) };
  // An anonymous volume has no source: each task gets a new one.
  return { Type: m.type, ...(m.source === '' ? {} : { Source: m.source }), Target: m.target, ReadOnly: m.readOnly };
}

export function fromServiceMount(m: ServiceMountJson): Mount {
  if (m.Type === 'tmpfs') {
    const size = m.TmpfsOptions?.SizeBytes;
    return { type: 'tmpfs', target: m.Target, sizeBytes: size === undefined || size === 0 ? null : size };
  }
  return { type: m.Type, source: m.Source ?? '', target: m.Target, readOnly: m.ReadOnly === true };
}
