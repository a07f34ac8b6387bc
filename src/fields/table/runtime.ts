// runtime: the OCI runtime (docker --runtime), e.g. nvidia; runc is the engine's default.
import { Type } from '@sinclair/typebox';
import { ENGINE_DEFAULTS } from '../canonical-env.js';
import type { Field } from '../field.js';
import { valueFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { RECREATE } from '../rules.js';
import { text } from '../schema-parts.js';
import { printableWord } from '../values/value-checks.js';
import { refuse } from '../service/service-rules.js';

const keys = {
  runtime: {
    get schema() {
      return Type.String(text('Container runtime, e.g. nvidia.'));
    },
    check: printableWord('runtime', /^$|^\s*[a-zA-Z0-9][a-zA-Z0-9_.-]*\s*$/, 'the name of a runtime the engine has, e.g. runc or nvidia'),
  },
};

export const runtime: Field<'runtime', string, typeof keys> = {
  name: 'runtime',
  prop: 'runtime',
  keys,
  normalize: ({ runtime }) => (runtime.value ? String(runtime.value.value).trim() || ENGINE_DEFAULTS.runtime : ENGINE_DEFAULTS.runtime),
  container: {
    create: (v, body) => void (body.HostConfig.Runtime = v),
    observe: (i) => i.HostConfig?.Runtime || ENGINE_DEFAULTS.runtime,
  },
  service: refuse('a service runs with each node\'s default runtime: set default-runtime in the nodes\' daemon.json, or keep this environment a container (no deploy:)'),
  change: RECREATE,
  present: { show: String },
  import: { flags: [valueFlag('runtime', 'runtime')], write: (v) => onlyIf(v !== ENGINE_DEFAULTS.runtime, 'runtime', () => v) },
};
