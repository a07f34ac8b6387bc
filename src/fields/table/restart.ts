// restart: the restart policy (no | always | unless-stopped | on-failure[:N]); changed in place with docker update.
import { Type } from '@sinclair/typebox';
import { ENGINE_DEFAULTS, type RestartName, type RestartPolicy } from '../canonical-env.js';
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatRestart } from '../present/format-value.js';
import { parseRestart } from '../values/parse-restart.js';
import { refuse } from '../service/service-rules.js';

const NAMES: readonly RestartName[] = ['no', 'always', 'unless-stopped', 'on-failure'];

const keys = {
  restart: {
    get schema() {
      return Type.String({
        pattern: '^(no|always|unless-stopped|on-failure(:[0-9]+)?)$',
        description: 'Restart policy: no | always | unless-stopped | on-failure[:N] (default no).',
        errorMessage: 'must be one of: no, always, unless-stopped, on-failure, on-failure:N',
      });
    },
  },
};

export const restart: Field<'restart', RestartPolicy, typeof keys> = {
  name: 'restart',
  prop: 'restart',
  keys,
  normalize: ({ restart }, ctx) => ({
    ...((restart.value && ctx.report(restart.value.path, parseRestart(String(restart.value.value)))) || ENGINE_DEFAULTS.restart),
  }),
  container: {
    create: (v, body) => void (body.HostConfig.RestartPolicy = { Name: v.name, MaximumRetryCount: v.name === 'on-failure' ? v.maxRetries : 0 }),
    observe: (i) => {
      const policy = i.HostConfig?.RestartPolicy;
      const raw = policy?.Name ?? '';
      const name: RestartName = (NAMES as readonly string[]).includes(raw) ? (raw as RestartName) : 'no';
      return { name, maxRetries: name === 'on-failure' ? (policy?.MaximumRetryCount ?? 0) : 0 };
    },
  },
  service: refuse('Swarm restarts a service\'s tasks itself: write deploy.restart_policy (condition: none | on-failure | any)'),
  change: { kind: 'in-place', needsRecreate: () => null, patch: (env) => ({ restart: env.restart }) },
  present: { show: formatRestart },
  import: {
    flags: [{ name: 'restart', takesValue: true, apply: (d) => void (d.check(parseRestart(d.value)), d.set('restart', d.value)) }],
    write: (v) => onlyIf(v.name !== ENGINE_DEFAULTS.restart.name, 'restart', () => formatRestart(v)),
  },
};
