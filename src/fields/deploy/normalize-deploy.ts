// `deploy:` raw → canonical: Compose's values read into Swarm's units (nanoseconds, bytes, billionths of a CPU),
// every part left out at Swarm's own default, problems reported where they were written.
import { SWARM_DEFAULTS, type Deploy, type GenericResource, type UpdatePolicy } from '../canonical-env.js';
import type { DataPath, Located, NormalizeContext } from '../field.js';
import { byString } from '../read-raw.js';
import { parseCpus } from '../values/parse-cpus.js';
import { parseDuration } from '../values/parse-duration.js';
import { parseSize } from '../values/parse-size.js';
import { isObj } from '../values/value-checks.js';

type Obj = Record<string, unknown>;

/** The NVIDIA generic resource name (dockerd --node-generic-resource NVIDIA-GPU=<uuid>): what `devices: [gpu]` reserves. */
export const GPU_RESOURCE = 'NVIDIA-GPU';

/** Reads a deploy object's parts, each at its own path. */
class DeployReader {
  constructor(
    private readonly ctx: NormalizeContext,
    private readonly path: DataPath,
  ) {}

  at(...keys: (string | number)[]): DataPath {
    return [...this.path, ...keys];
  }

  duration(obj: Obj, key: string, at: DataPath, fallback: number): number {
    if (obj[key] === undefined) return fallback;
    return this.ctx.report([...at, key], parseDuration(obj[key] as string)) ?? fallback;
  }

  cpus(obj: Obj, at: DataPath): number {
    if (obj.cpus === undefined) return 0;
    const cpus = this.ctx.report([...at, 'cpus'], parseCpus(obj.cpus as string | number));
    return cpus === undefined ? 0 : Math.round(cpus * 1e9);
  }

  memory(obj: Obj, at: DataPath): number {
    if (obj.memory === undefined) return 0;
    return this.ctx.report([...at, 'memory'], parseSize(obj.memory as string | number)) ?? 0;
  }

  issue(at: DataPath, message: string, hint?: string): void {
    this.ctx.issue(at, message, hint);
  }
}

const objAt = (obj: Obj, key: string): Obj => (isObj(obj[key]) ? obj[key] : {});
const num = (obj: Obj, key: string, fallback: number): number => (typeof obj[key] === 'number' ? obj[key] : fallback);

function updatePolicy(r: DeployReader, raw: Obj, key: string): UpdatePolicy {
  const obj = objAt(raw, key);
  const at = r.at(key);
  const d = SWARM_DEFAULTS.updatePolicy;
  return {
    parallelism: num(obj, 'parallelism', d.parallelism),
    delayNs: r.duration(obj, 'delay', at, d.delayNs),
    failureAction: (obj.failure_action as UpdatePolicy['failureAction'] | undefined) ?? d.failureAction,
    monitorNs: r.duration(obj, 'monitor', at, d.monitorNs),
    maxFailureRatio: num(obj, 'max_failure_ratio', d.maxFailureRatio),
    order: (obj.order as UpdatePolicy['order'] | undefined) ?? d.order,
  };
}

/** generic_resources, and `devices` with the gpu capability read as NVIDIA-GPU (a service has no device requests). */
function genericResources(r: DeployReader, reservations: Obj): GenericResource[] {
  const at = r.at('resources', 'reservations');
  const byKind = new Map<string, number>();
  const add = (kind: string, value: number, path: DataPath): void => {
    if (byKind.has(kind)) r.issue(path, `the generic resource ${kind} is reserved twice`, 'reserve it once, with the total count');
    else byKind.set(kind, value);
  };
  const list = Array.isArray(reservations.generic_resources) ? reservations.generic_resources : [];
  list.forEach((item: unknown, i) => {
    const spec = isObj(item) && isObj(item.discrete_resource_spec) ? item.discrete_resource_spec : null;
    if (spec !== null) add(String(spec.kind), Number(spec.value), [...at, 'generic_resources', i]);
  });
  const devices = Array.isArray(reservations.devices) ? reservations.devices : [];
  devices.forEach((item: unknown, i) => {
    if (!isObj(item)) return;
    const path = [...at, 'devices', i];
    const hint = `a service reserves GPUs as the generic resource ${GPU_RESOURCE} its nodes advertise: write {capabilities: [gpu], count: N}`;
    const capabilities = Array.isArray(item.capabilities) ? item.capabilities.map(String) : [];
    if (!capabilities.includes('gpu')) return r.issue(path, `a service can reserve GPUs only (capabilities: [gpu]), found [${capabilities.join(', ')}]`, hint);
    if (item.device_ids !== undefined) return r.issue([...path, 'device_ids'], 'a service cannot reserve GPUs by id: Swarm assigns them', hint);
    if (item.options !== undefined) return r.issue([...path, 'options'], 'a service cannot pass device driver options', hint);
    if (item.driver !== undefined && item.driver !== 'nvidia') return r.issue([...path, 'driver'], `a service can reserve NVIDIA GPUs only, found driver ${String(item.driver)}`, hint);
    if (typeof item.count !== 'number') return r.issue(path, 'a service must say how many GPUs each task reserves (count: N); Swarm has no "all"', hint);
    add(GPU_RESOURCE, item.count, path);
  });
  return [...byKind].map(([kind, value]) => ({ kind, value })).sort((a, b) => byString(a.kind, b.kind));
}

export function normalizeDeploy(located: Located<unknown>, ctx: NormalizeContext): Deploy {
  const raw: Obj = isObj(located.value) ? located.value : {};
  const r = new DeployReader(ctx, located.path);
  const mode = (raw.mode as Deploy['mode'] | undefined) ?? 'replicated';
  const placement = objAt(raw, 'placement');
  const resources = objAt(raw, 'resources');
  const limits = objAt(resources, 'limits');
  const reservations = objAt(resources, 'reservations');
  const restart = objAt(raw, 'restart_policy');
  const d = SWARM_DEFAULTS.restartPolicy;
  if (mode === 'global') {
    const hint = 'global runs one task on every node that meets the constraints; use mode: replicated for a number of tasks';
    if (raw.replicas !== undefined) r.issue(r.at('replicas'), 'replicas cannot be set with mode: global', hint);
    if (placement.max_replicas_per_node !== undefined) r.issue(r.at('placement', 'max_replicas_per_node'), 'max_replicas_per_node cannot be set with mode: global', hint);
  }
  const labels: Record<string, string> = {};
  if (raw.labels !== undefined) {
    for (const entry of ctx.keyValues({ value: raw.labels, path: r.at('labels') })) labels[entry.key] = entry.value ?? '';
  }
  const preferences = Array.isArray(placement.preferences) ? placement.preferences : [];
  const constraints = Array.isArray(placement.constraints) ? placement.constraints.map((c) => String(c).trim()) : [];
  constraints.forEach((c, i) => {
    // Swarm's grammar (swarmkit constraint.Parse): an attribute, == or !=, a value.
    if (!/^[\w.-]+\s*(==|!=)\s*\S/.test(c) || /[\n\r]/.test(c)) {
      r.issue(r.at('placement', 'constraints', i), `placement constraint ${JSON.stringify(c)} is not "<attribute> == <value>" or "!="`, 'e.g. "node.labels.gpu == true" or "node.role != manager"');
    }
  });
  return {
    mode,
    replicas: mode === 'global' ? 0 : num(raw, 'replicas', 1),
    endpointMode: (raw.endpoint_mode as Deploy['endpointMode'] | undefined) ?? 'vip',
    labels: Object.fromEntries(Object.entries(labels).sort(([a], [b]) => byString(a, b))),
    constraints: [...new Set(constraints)].sort(byString),
    preferences: preferences.flatMap((p: unknown) => (isObj(p) && typeof p.spread === 'string' ? [p.spread.trim()] : [])),
    maxReplicasPerNode: num(placement, 'max_replicas_per_node', 0),
    limits: { nanoCpus: r.cpus(limits, r.at('resources', 'limits')), memoryBytes: r.memory(limits, r.at('resources', 'limits')), pids: num(limits, 'pids', 0) },
    reservations: {
      nanoCpus: r.cpus(reservations, r.at('resources', 'reservations')),
      memoryBytes: r.memory(reservations, r.at('resources', 'reservations')),
      genericResources: genericResources(r, reservations),
    },
    restartPolicy: {
      condition: (restart.condition as Deploy['restartPolicy']['condition'] | undefined) ?? d.condition,
      delayNs: r.duration(restart, 'delay', r.at('restart_policy'), d.delayNs),
      maxAttempts: num(restart, 'max_attempts', d.maxAttempts),
      windowNs: r.duration(restart, 'window', r.at('restart_policy'), d.windowNs),
    },
    updateConfig: updatePolicy(r, raw, 'update_config'),
    rollbackConfig: updatePolicy(r, raw, 'rollback_config'),
  };
}
