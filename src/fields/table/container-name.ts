// container_name: the container's name (default <project>-<env>); a change renames the same container.
import { Type } from '@sinclair/typebox';
import type { Field } from '../field.js';
import { valueFlag } from '../flag-mapping.js';
import { refuse } from '../service/service-rules.js';

const keys = {
  container_name: {
    get schema() {
      return Type.String({
        pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]+$',
        description: 'Container name; default <project>-<env>.',
        errorMessage: 'must be a container name: letters, digits, _ . - (starting with a letter or digit)',
      });
    },
  },
};

export const containerName: Field<'containerName', string, typeof keys> = {
  name: 'container_name',
  prop: 'containerName',
  keys,
  normalize: ({ container_name }, ctx) => (container_name.value ? String(container_name.value.value) : `${ctx.project}-${ctx.envName}`),
  container: {
    // The name goes with the create request itself, not in its body.
    create: () => undefined,
    observe: (i) => (i.Name ?? '').replace(/^\//, ''),
  },
  service: refuse('a service is named <project>-<env> and its tasks <project>-<env>.<slot>.<id>: rename the environment instead'),
  change: { kind: 'rename' },
  present: { show: (v) => v },
  import: { flags: [valueFlag('name', 'container_name')], serviceFlags: ['name'], write: (v) => ({ container_name: v }) },
};
