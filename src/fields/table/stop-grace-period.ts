// stop_grace_period: how long `docker stop` waits after stop_signal before it kills (StopTimeout, whole seconds).
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatStopGracePeriod } from '../present/format-value.js';
import { RECREATE } from '../rules.js';
import { Duration } from '../schema-parts.js';
import { parseDuration } from '../values/parse-duration.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  stop_grace_period: {
    get schema() {
      return Duration('Time to wait after stop_signal before killing, e.g. 30s.');
    },
  },
};

/** What a task gets when the service spec names no grace period. */
const SWARM_STOP_GRACE_NS = 10e9;

export const stopGracePeriod: Field<'stopGracePeriodSeconds', number | null, typeof keys> = {
  name: 'stop_grace_period',
  prop: 'stopGracePeriodSeconds',
  keys,
  normalize: ({ stop_grace_period }, ctx) => {
    const field = stop_grace_period.value;
    if (!field) return null;
    const ns = ctx.report(field.path, parseDuration(field.value));
    if (ns === undefined) return null;
    if (ns % 1e9 !== 0) {
      ctx.issue(
        field.path,
        `stop_grace_period must be whole seconds (the engine counts in seconds), found ${String(field.value)}`,
        'e.g. "30s" or "1m30s"',
      );
      return null;
    }
    // On a service 10s is Swarm's own default, which newer docker CLIs write into the spec: the same as none.
    return ctx.env.deploy != null && ns === SWARM_STOP_GRACE_NS ? null : ns / 1e9;
  },
  container: {
    create: (v, body) => {
      if (v !== null) body.StopTimeout = v;
    },
    observe: (i) => i.Config?.StopTimeout ?? null,
  },
  // A service counts in nanoseconds (the container in seconds); none (or 10s, the same): Swarm's 10s.
  service: {
    create: (v, spec) => {
      if (v !== null) containerSpec(spec).StopGracePeriod = v * 1e9;
    },
    observe: (spec) => {
      const ns = containerSpec(spec).StopGracePeriod;
      return ns === undefined || ns === SWARM_STOP_GRACE_NS ? null : Math.round(ns / 1e9);
    },
  },
  change: RECREATE,
  present: { show: formatStopGracePeriod },
  import: {
    flags: [{ name: 'stop-timeout', takesValue: true, apply: (d) => d.set('stop_grace_period', `${d.integer()}s`) }],
    serviceFlags: [{ name: 'stop-grace-period', takesValue: true, apply: (d) => d.set('stop_grace_period', d.duration()) }],
    write: (v) => onlyIf(v !== null, 'stop_grace_period', () => `${v}s`),
  },
};
