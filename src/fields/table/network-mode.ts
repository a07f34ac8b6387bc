// network_mode: bridge | host | none | container:<name> | a network name; the engine's default is bridge.
import { Type } from '@sinclair/typebox';
import { ENGINE_DEFAULTS } from '../canonical-env.js';
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { RECREATE } from '../rules.js';
import { text } from '../schema-parts.js';
import { networkMode as checkNetworkMode } from '../values/value-checks.js';
import { observeJoined, recordJoined } from './join-namespace.js';
import { refuse } from '../service/service-rules.js';

const keys = {
  network_mode: {
    get schema() {
      return Type.String(text('bridge | host | none | container:<name> | a network name (default bridge).'));
    },
    check: checkNetworkMode,
  },
};

export const networkMode: Field<'networkMode', string, typeof keys> = {
  name: 'network_mode',
  prop: 'networkMode',
  keys,
  normalize: ({ network_mode }) => (network_mode.value ? String(network_mode.value.value) : ENGINE_DEFAULTS.networkMode),
  // `container:X` shares X's network stack: the engine refuses settings that belong to a stack.
  check: (env, ctx) => {
    const at = ctx.pathOf('network_mode');
    if (!env.networkMode.startsWith('container:') || at === null) return;
    const clashes = [
      env.ports.length > 0 && 'ports',
      env.expose.length > 0 && 'expose',
      env.hostname !== null && 'hostname',
      env.dns.length > 0 && 'dns',
      env.dnsSearch.length > 0 && 'dns_search',
      env.extraHosts.length > 0 && 'extra_hosts',
    ].filter((f): f is string => typeof f === 'string');
    if (clashes.length > 0) {
      ctx.issue(
        at,
        `network_mode ${env.networkMode} shares that container's network, so ${clashes.join(', ')} cannot be set here`,
        `set ${clashes.join(', ')} on the container whose network is shared`,
      );
    }
  },
  container: {
    create: (v, body) => {
      body.HostConfig.NetworkMode = v;
      recordJoined(body, 'network', v);
    },
    observe: (i) => {
      const raw = i.HostConfig?.NetworkMode;
      return observeJoined(i, 'network', !raw || raw === 'default' ? ENGINE_DEFAULTS.networkMode : raw);
    },
  },
  service: refuse('a service joins the project\'s overlay network, where the other services reach it by name: remove network_mode'),
  change: RECREATE,
  present: { show: (v) => v },
  import: {
    // `--net` is docker's older spelling; the import feature maps it here.
    flags: [
      {
        name: 'network',
        takesValue: true,
        apply: (d) => {
          if (d.get('network_mode') !== undefined) d.fail('a second --network: the spec joins one network per environment');
          d.set('network_mode', d.value);
        },
      },
    ],
    write: (v) => onlyIf(v !== ENGINE_DEFAULTS.networkMode, 'network_mode', () => v),
  },
};
