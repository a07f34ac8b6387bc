// working_dir: the working directory inside the container (docker -w), cleaned as the engine cleans it; null = the image's.
import type { Field } from '../field.js';
import { valueFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { formatOptional } from '../present/format-value.js';
import { rawOptionalText } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { NullableString } from '../schema-parts.js';
import { checkContainerPath } from '../values/check-text.js';
import { containerSpec, orNull } from '../service/service-rules.js';

const keys = {
  working_dir: {
    get schema() {
      return NullableString('Working directory inside the container.');
    },
  },
};

export const workingDir: Field<'workingDir', string | null, typeof keys> = {
  name: 'working_dir',
  prop: 'workingDir',
  keys,
  normalize: ({ working_dir }, ctx) => {
    const dir = rawOptionalText(working_dir);
    return dir !== null && working_dir.value ? (ctx.report(working_dir.value.path, checkContainerPath(dir, 'working_dir')) ?? null) : dir;
  },
  container: {
    create: (v, body) => {
      if (v !== null) body.WorkingDir = v;
    },
    observe: (i, ctx) => (ctx.inherited?.workingDir || !i.Config?.WorkingDir ? null : i.Config.WorkingDir),
    inherited: (env, img) => (env.workingDir === null && img.workingDir !== '' ? { workingDir: true } : {}),
  },
  service: {
    create: (v, spec) => {
      if (v !== null) containerSpec(spec).Dir = v;
    },
    observe: (spec) => orNull(containerSpec(spec).Dir),
  },
  change: RECREATE,
  present: { show: formatOptional },
  import: { flags: [valueFlag('workdir', 'working_dir', 'w')], serviceFlags: ['workdir'], write: (v) => onlyIf(v !== null, 'working_dir', () => v) },
};
