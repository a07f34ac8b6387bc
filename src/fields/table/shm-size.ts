// shm_size: the size of /dev/shm (docker --shm-size); the engine's default is 64m.
import { ENGINE_DEFAULTS } from '../canonical-env.js';
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatSize } from '../present/format-value.js';
import { specSize } from '../present/spec-values.js';
import { RECREATE } from '../rules.js';
import { Size } from '../schema-parts.js';
import { parseFieldSize } from '../values/parse-size.js';
import { containerSpec, isShmMount, SHM_PATH } from '../service/service-rules.js';

const keys = {
  shm_size: {
    get schema() {
      return Size('Size of /dev/shm, e.g. 32g (default 64m).');
    },
  },
};

export const shmSize: Field<'shmSizeBytes', number, typeof keys> = {
  name: 'shm_size',
  prop: 'shmSizeBytes',
  keys,
  normalize: ({ shm_size }, ctx) =>
    (shm_size.value && ctx.report(shm_size.value.path, parseFieldSize(shm_size.value.value, 'shm_size'))) ?? ENGINE_DEFAULTS.shmSizeBytes,
  container: {
    create: (v, body) => void (body.HostConfig.ShmSize = v),
    observe: (i) => i.HostConfig?.ShmSize || ENGINE_DEFAULTS.shmSizeBytes,
  },
  // Swarm has no shm size; a tmpfs of that size mounted over /dev/shm is the same thing, so envctl writes that.
  service: {
    create: (v, spec) => {
      if (v !== ENGINE_DEFAULTS.shmSizeBytes) (containerSpec(spec).Mounts ??= []).push({ Type: 'tmpfs', Target: SHM_PATH, TmpfsOptions: { SizeBytes: v } });
    },
    observe: (spec) => containerSpec(spec).Mounts?.find(isShmMount)?.TmpfsOptions?.SizeBytes ?? ENGINE_DEFAULTS.shmSizeBytes,
  },
  change: RECREATE,
  present: { show: formatSize },
  import: {
    flags: [{ name: 'shm-size', takesValue: true, apply: (d) => d.set('shm_size', d.size()) }],
    write: (v) => onlyIf(v !== ENGINE_DEFAULTS.shmSizeBytes, 'shm_size', () => specSize(v)),
  },
};
