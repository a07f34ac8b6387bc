// `deploy:` on a service: written into the service spec's mode, placement, resources, restart policy, update and
// rollback configs, endpoint mode and labels, and read back with Swarm's defaults for what the engine left out.
import { LABEL_PREFIX } from '../../base/label-prefix.js';
import { SWARM_DEFAULTS, type Deploy, type GenericResource, type UpdatePolicy } from '../canonical-env.js';
import { byString } from '../read-raw.js';
import type { ServiceSpecJson, UpdateConfigJson } from '../service-json.js';

const writePolicy = (p: UpdatePolicy): UpdateConfigJson => ({
  Parallelism: p.parallelism,
  Delay: p.delayNs,
  FailureAction: p.failureAction,
  Monitor: p.monitorNs,
  MaxFailureRatio: p.maxFailureRatio,
  Order: p.order,
});

/** A service without the config (made by hand through the API) runs with Swarm's defaults: read as those. */
function readPolicy(json: UpdateConfigJson | undefined): UpdatePolicy {
  const d = SWARM_DEFAULTS.updatePolicy;
  if (json === undefined) return { ...d };
  return {
    parallelism: json.Parallelism ?? 0,
    delayNs: json.Delay ?? 0,
    failureAction: (json.FailureAction as UpdatePolicy['failureAction'] | undefined) ?? d.failureAction,
    monitorNs: json.Monitor ?? 0,
    maxFailureRatio: json.MaxFailureRatio ?? 0,
    order: (json.Order as UpdatePolicy['order'] | undefined) ?? d.order,
  };
}

const userLabels = (labels: Record<string, string> | undefined): Record<string, string> =>
  Object.fromEntries(Object.entries(labels ?? {}).filter(([k]) => !k.startsWith(LABEL_PREFIX)).sort(([a], [b]) => byString(a, b)));

export function createDeploy(d: Deploy | null, spec: ServiceSpecJson): void {
  if (d === null) return;
  const task = spec.TaskTemplate;
  spec.Labels = { ...d.labels, ...spec.Labels };
  spec.Mode = d.mode === 'global' ? { Global: {} } : { Replicated: { Replicas: d.replicas } };
  task.Placement = {
    Constraints: [...d.constraints],
    Preferences: d.preferences.map((p) => ({ Spread: { SpreadDescriptor: p } })),
    ...(d.mode === 'replicated' ? { MaxReplicas: d.maxReplicasPerNode } : {}),
  };
  task.Resources = {
    Limits: { NanoCPUs: d.limits.nanoCpus, MemoryBytes: d.limits.memoryBytes, Pids: d.limits.pids },
    Reservations: {
      NanoCPUs: d.reservations.nanoCpus,
      MemoryBytes: d.reservations.memoryBytes,
      GenericResources: d.reservations.genericResources.map((g) => ({ DiscreteResourceSpec: { Kind: g.kind, Value: g.value } })),
    },
  };
  const r = d.restartPolicy;
  task.RestartPolicy = { Condition: r.condition, Delay: r.delayNs, MaxAttempts: r.maxAttempts, Window: r.windowNs };
  spec.UpdateConfig = writePolicy(d.updateConfig);
  spec.RollbackConfig = writePolicy(d.rollbackConfig);
  (spec.EndpointSpec ??= {}).Mode = d.endpointMode;
}

export function observeDeploy(spec: ServiceSpecJson): Deploy {
  const task = spec.TaskTemplate;
  const global = spec.Mode.Global !== undefined;
  const placement = task.Placement ?? {};
  const limits = task.Resources?.Limits ?? {};
  const reservations = task.Resources?.Reservations ?? {};
  const restart = task.RestartPolicy;
  const d = SWARM_DEFAULTS.restartPolicy;
  const generic: GenericResource[] = (reservations.GenericResources ?? []).flatMap((g) =>
    g.DiscreteResourceSpec ? [{ kind: g.DiscreteResourceSpec.Kind, value: g.DiscreteResourceSpec.Value }] : [],
  );
  return {
    mode: global ? 'global' : 'replicated',
    replicas: global ? 0 : (spec.Mode.Replicated?.Replicas ?? 0),
    endpointMode: spec.EndpointSpec?.Mode ?? 'vip',
    labels: userLabels(spec.Labels),
    constraints: [...(placement.Constraints ?? [])].sort(byString),
    preferences: (placement.Preferences ?? []).flatMap((p) => (p.Spread?.SpreadDescriptor === undefined ? [] : [p.Spread.SpreadDescriptor])),
    maxReplicasPerNode: placement.MaxReplicas ?? 0,
    limits: { nanoCpus: limits.NanoCPUs ?? 0, memoryBytes: limits.MemoryBytes ?? 0, pids: limits.Pids ?? 0 },
    reservations: {
      nanoCpus: reservations.NanoCPUs ?? 0,
      memoryBytes: reservations.MemoryBytes ?? 0,
      genericResources: generic.sort((a, b) => byString(a.kind, b.kind)),
    },
    // The engine keeps a policy it was sent (zero parts left out); one never sent means Swarm's defaults.
    restartPolicy:
      restart === undefined
        ? { ...d }
        : {
            condition: (restart.Condition as Deploy['restartPolicy']['condition'] | undefined) ?? d.condition,
            delayNs: restart.Delay ?? 0,
            maxAttempts: restart.MaxAttempts ?? 0,
            windowNs: restart.Window ?? 0,
          },
    updateConfig: readPolicy(spec.UpdateConfig),
    rollbackConfig: readPolicy(spec.RollbackConfig),
  };
}
