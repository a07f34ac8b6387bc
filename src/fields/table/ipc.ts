// ipc: the IPC namespace (private | shareable | host | none | container:<name>); the engine's default is private.
import { Type } from '@sinclair/typebox';
import { ENGINE_DEFAULTS } from '../canonical-env.js';
import type { Field } from '../field.js';
import { valueFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { RECREATE } from '../rules.js';
import { observeJoined, recordJoined } from './join-namespace.js';
import { refuse } from '../service/service-rules.js';

const keys = {
  ipc: {
    get schema() {
      return Type.String({
        pattern: '^(private|shareable|host|none|container:[a-zA-Z0-9][a-zA-Z0-9_.-]*)$',
        description: 'IPC namespace: private | shareable | host | none | container:<name> (default private).',
        errorMessage: 'must be one of: private, shareable, host, none, container:<name>',
      });
    },
  },
};

export const ipc: Field<'ipc', string, typeof keys> = {
  name: 'ipc',
  prop: 'ipc',
  keys,
  normalize: ({ ipc }) => (ipc.value ? String(ipc.value.value) : ENGINE_DEFAULTS.ipc),
  container: {
    create: (v, body) => {
      body.HostConfig.IpcMode = v;
      recordJoined(body, 'ipc', v);
    },
    observe: (i) => observeJoined(i, 'ipc', i.HostConfig?.IpcMode || ENGINE_DEFAULTS.ipc),
  },
  service: refuse('each task of a service has its own IPC namespace; share memory within a task through /dev/shm (shm_size)'),
  change: RECREATE,
  present: { show: (v) => v },
  import: { flags: [valueFlag('ipc', 'ipc')], write: (v) => onlyIf(v !== ENGINE_DEFAULTS.ipc, 'ipc', () => v) },
};
