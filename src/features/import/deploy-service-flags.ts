// docker service create's flags for `deploy:` (Compose's names): mode, replicas, placement, resources, the restart,
// update and rollback policies, endpoint mode and the service's own labels, for `envctl import`. The deploy field
// (src/fields/deploy/) declares no flags itself: these write its nested keys, and finishDeploy makes every imported
// service say its replicas, as the other fields' serviceFlags write theirs.
import type { FlagDraft, FlagMapping } from '../../fields/flag-mapping.js';

type Tree = Record<string, unknown>;

/** The map at `path` under `deploy:`, made as needed; the flag is recorded as a source of `deploy`. */
function branch(d: FlagDraft, path: readonly string[]): Tree {
  const deploy = (d.get('deploy') as Tree | undefined) ?? {};
  d.set('deploy', deploy);
  let node = deploy;
  for (const key of path) node = (node[key] ??= {}) as Tree;
  return node;
}

type Read = (d: FlagDraft) => unknown;

/** A flag that sets `path` (dotted, under `deploy:`) to what `read` makes of its value; undefined sets nothing. */
function deployFlag(name: string, path: string, read: Read, short?: string): FlagMapping {
  const keys = path.split('.');
  const last = keys.pop() as string;
  return {
    name,
    ...(short === undefined ? {} : { short }),
    takesValue: true,
    apply: (d) => {
      const value = read(d);
      if (value !== undefined) branch(d, keys)[last] = value;
    },
  };
}

/** A flag that appends what `read` makes of its value to the list at `path`. */
function deployListFlag(name: string, path: string, read: Read): FlagMapping {
  const keys = path.split('.');
  const last = keys.pop() as string;
  return { name, takesValue: true, apply: (d) => void ((branch(d, keys)[last] ??= []) as unknown[]).push(read(d)) };
}

const oneOf =
  (...values: string[]): Read =>
  (d) =>
    values.includes(d.value) ? d.value : d.fail(`"${d.value}" is not one of ${values.join(', ')}`);

/** docker's uint flags: a whole number ≥ 0. */
const count: Read = (d) => (/^[0-9]+$/.test(d.value) ? Number(d.value) : d.fail(`"${d.value}" is not a whole number ≥ 0`));

const fraction: Read = (d) => {
  const n = Number(d.value);
  return d.value.trim() !== '' && n >= 0 && n <= 1 ? n : d.fail(`"${d.value}" is not a ratio from 0 to 1`, 'e.g. 0.2 (a fifth of the tasks may fail)');
};

const duration: Read = (d) => d.duration();

/** A CPU count; 0 is docker's "no limit", which the spec says by leaving the key out. */
const cpus: Read = (d) => {
  const n = Number(d.value);
  if (d.value.trim() === '' || !Number.isFinite(n) || n < 0) return d.fail(`"${d.value}" is not a number of CPUs`, 'e.g. 2 or 0.5');
  return n === 0 ? undefined : n;
};

/** A memory size; 0 is docker's "no limit" (or no reservation), left out likewise. */
const memory: Read = (d) => {
  const size = d.size();
  return size === 0 ? undefined : size;
};

const pids: Read = (d) => {
  const n = count(d) as number;
  return n === 0 ? undefined : n;
};

/** `kind=N` reserves N of a resource the nodes advertise; `kind=NAME` (one named resource) the spec cannot say. */
const genericResource: Read = (d) => {
  const eq = d.value.indexOf('=');
  const kind = d.value.slice(0, eq);
  const value = d.value.slice(eq + 1);
  if (eq <= 0 || value === '') return d.fail(`"${d.value}" is not KIND=COUNT`, 'e.g. NVIDIA-GPU=1');
  if (!/^[0-9]+$/.test(value)) {
    return d.fail(`"${value}" names one resource; the spec reserves generic resources by count (discrete_resource_spec)`, `reserve a count instead, e.g. ${kind}=1`);
  }
  return { discrete_resource_spec: { kind, value: Number(value) } };
};

/** `spread=DESCRIPTOR`, the one strategy Swarm has. */
const placementPreference: Read = (d) => {
  const eq = d.value.indexOf('=');
  if (d.value.slice(0, eq) !== 'spread' || eq === d.value.length - 1) return d.fail(`"${d.value}" is not spread=DESCRIPTOR`, 'e.g. spread=node.labels.rack');
  return { spread: d.value.slice(eq + 1) };
};

/** Compose's update_config / rollback_config, from `--update-*` / `--rollback-*`. */
function rolloutFlags(prefix: 'update' | 'rollback'): FlagMapping[] {
  const key = `${prefix}_config`;
  const actions = prefix === 'update' ? ['pause', 'continue', 'rollback'] : ['pause', 'continue'];
  return [
    deployFlag(`${prefix}-parallelism`, `${key}.parallelism`, count),
    deployFlag(`${prefix}-delay`, `${key}.delay`, duration),
    deployFlag(`${prefix}-monitor`, `${key}.monitor`, duration),
    deployFlag(`${prefix}-failure-action`, `${key}.failure_action`, oneOf(...actions)),
    deployFlag(`${prefix}-max-failure-ratio`, `${key}.max_failure_ratio`, fraction),
    deployFlag(`${prefix}-order`, `${key}.order`, oneOf('start-first', 'stop-first')),
  ];
}

const modeOf = (d: FlagDraft): unknown => (d.get('deploy') as Tree | undefined)?.mode;
const hasReplicas = (d: FlagDraft): boolean => (d.get('deploy') as Tree | undefined)?.replicas !== undefined;
const GLOBAL_AND_REPLICAS = 'docker service create refuses --replicas with --mode global (one task on every node)';

export const DEPLOY_SERVICE_FLAGS: readonly FlagMapping[] = [
  deployFlag('mode', 'mode', (d) => {
    if (d.value === 'replicated-job' || d.value === 'global-job') {
      return d.fail('a job runs to completion; an environment is a service that keeps running (mode replicated or global)', 'run jobs with docker service create, outside the spec');
    }
    const mode = oneOf('replicated', 'global')(d);
    if (mode === 'global' && hasReplicas(d)) d.fail(GLOBAL_AND_REPLICAS);
    return mode;
  }),
  deployFlag('replicas', 'replicas', (d) => (modeOf(d) === 'global' ? d.fail(GLOBAL_AND_REPLICAS) : count(d))),
  deployFlag('replicas-max-per-node', 'placement.max_replicas_per_node', count),
  deployListFlag('constraint', 'placement.constraints', (d) => d.value),
  deployListFlag('placement-pref', 'placement.preferences', placementPreference),
  deployFlag('endpoint-mode', 'endpoint_mode', oneOf('vip', 'dnsrr')),
  // The service's own labels; --container-label labels its containers (the environment's `labels`).
  {
    name: 'label',
    short: 'l',
    takesValue: true,
    apply: (d) => {
      const eq = d.value.indexOf('=');
      branch(d, ['labels'])[eq === -1 ? d.value : d.value.slice(0, eq)] = eq === -1 ? '' : d.value.slice(eq + 1);
    },
  },
  deployFlag('limit-cpu', 'resources.limits.cpus', cpus),
  deployFlag('limit-memory', 'resources.limits.memory', memory),
  deployFlag('limit-pids', 'resources.limits.pids', pids),
  deployFlag('reserve-cpu', 'resources.reservations.cpus', cpus),
  deployFlag('reserve-memory', 'resources.reservations.memory', memory),
  deployListFlag('generic-resource', 'resources.reservations.generic_resources', genericResource),
  deployFlag('restart-condition', 'restart_policy.condition', oneOf('none', 'on-failure', 'any')),
  deployFlag('restart-delay', 'restart_policy.delay', duration),
  deployFlag('restart-max-attempts', 'restart_policy.max_attempts', count),
  deployFlag('restart-window', 'restart_policy.window', duration),
  ...rolloutFlags('update'),
  ...rolloutFlags('rollback'),
];

/** How Compose files list `deploy:`'s keys, so an import reads like one. */
const ORDER = ['mode', 'replicas', 'endpoint_mode', 'labels', 'placement', 'resources', 'restart_policy', 'update_config', 'rollback_config'];

/**
 * `deploy:` is what makes the environment a service, so it is always written: docker service create runs one replica
 * unless told otherwise, and the import says so (`replicas: 1`) rather than leave it to a default.
 */
export function finishDeploy(fields: Record<string, unknown>): Record<string, unknown> {
  const deploy: Tree = { ...((fields.deploy as Tree | undefined) ?? {}) };
  if (deploy.mode === undefined && deploy.replicas === undefined) deploy.replicas = 1;
  const rank = (k: string) => (ORDER.indexOf(k) === -1 ? ORDER.length : ORDER.indexOf(k));
  const ordered = Object.fromEntries(Object.keys(deploy).sort((a, b) => rank(a) - rank(b)).map((k) => [k, deploy[k]]));
  return { ...fields, deploy: ordered };
}
