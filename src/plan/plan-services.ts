// The planner for environments with `deploy:` (Swarm services): create the project's overlay network when a service
// needs it, create or update (field diff, replica diff) each service, remove the project's services the spec no
// longer has — and when none is left, its network and its services marker (the never-started container that makes a
// spec without services look for them). Drift made by hand (`docker service scale`, `service update --env-add`, `service rm`) is a difference
// like any other, so the change that repairs it is planned. Pure.
import type { ObservedService } from '../engine/engine.js';
import type { CanonicalEnv } from '../fields/canonical-env.js';
import type { Action, ActionOf, Convergence } from './plan-types.js';
import { diffService, serviceUpdateCause } from './diff-service.js';
import type { ObservedState } from './observed-state.js';
import { deployOf, projectNetworkName, serviceConfigOf, servicesMarkerName, serviceSpecOf } from './service-config.js';
import { afterLastService } from './plan-destroy-services.js';
import { compareText } from './short-ids.js';

export interface ServicePlan {
  actions: Action[];
  /** `env:<name>` of the services already as the spec says. */
  unchanged: string[];
  /** What a person should know that is no change of config: tasks not running, tasks moved off a node that went down. */
  warnings: string[];
}

function convergence(env: CanonicalEnv): Convergence {
  const d = deployOf(env)!;
  return { service: `${env.project}-${env.name}`, replicas: d.replicas, global: d.mode === 'global', rollback: d.updateConfig.failureAction === 'rollback' };
}

/** `services`: the environments with deploy:, sorted by name. */
export function planServices(project: string, services: readonly CanonicalEnv[], observed: ObservedState): ServicePlan {
  const found = observed.services ?? [];
  const byEnv = new Map<string, ObservedService>();
  const orphans: ObservedService[] = [];
  const wanted = new Set(services.map((e) => e.name));
  for (const s of found) {
    if (s.envName !== null && wanted.has(s.envName) && !byEnv.has(s.envName)) byEnv.set(s.envName, s);
    else orphans.push(s);
  }

  const actions: Action[] = [];
  const unchanged: string[] = [];
  // The network is looked up only when a service is to be created (an existing service proves it exists).
  const network = projectNetworkName(project);
  const needsNetwork = observed.network === null && services.some((e) => !byEnv.has(e.name));
  const networkAction: ActionOf<'create-network'> | null = needsNetwork
    ? { id: `create-network network:${network}`, kind: 'create-network', resource: `network:${network}`, cause: 'the overlay network the project\'s services share', diff: [], dependsOn: [], network }
    : null;
  if (networkAction) actions.push(networkAction);
  // Made before the project's first service, so no service of it exists unseen by a spec without services.
  const marker = servicesMarkerName(project);
  const markerAction: ActionOf<'create-marker'> | null =
    services.length > 0 && observed.servicesMarker === null
      ? { id: `create-marker marker:${marker}`, kind: 'create-marker', resource: `marker:${marker}`, cause: 'the record that the project has services (so removing the last one is seen)', diff: [], dependsOn: [], marker }
      : null;
  if (markerAction) actions.push(markerAction);

  for (const env of services) {
    const resource = `env:${env.name}`;
    const current = byEnv.get(env.name);
    const spec = serviceSpecOf(env);
    if (current === undefined) {
      actions.push({
        id: `create-service ${resource}`,
        kind: 'create-service',
        resource,
        cause: found.length > 0 || observed.network ? 'new service (none on the swarm)' : 'new service',
        diff: [],
        dependsOn: [networkAction, markerAction].flatMap((a) => (a === null ? [] : [a.id])),
        env,
        spec,
        converge: convergence(env),
      });
      continue;
    }
    const diff = diffService(serviceConfigOf(current.spec, project, env.name), env);
    if (diff.length === 0) {
      unchanged.push(resource);
      continue;
    }
    actions.push({
      id: `update-service ${resource}`,
      kind: 'update-service',
      resource,
      cause: serviceUpdateCause(diff),
      diff,
      dependsOn: [],
      env,
      spec,
      serviceId: current.id,
      version: current.version,
      converge: convergence(env),
    });
  }

  const removes: Action[] = [];
  for (const s of orphans.sort((a, b) => compareText(a.name, b.name))) {
    const resource = s.envName === null ? `service:${s.name}` : `env:${s.envName}`;
    removes.push({
      id: `remove-service ${resource}${wanted.has(s.envName ?? '') ? ` (${s.name})` : ''}`,
      kind: 'remove-service',
      resource,
      cause: s.envName === null ? `service "${s.name}" belongs to the project but to no environment` : wanted.has(s.envName) ? `a second service of environment "${s.envName}"` : `environment "${s.envName}" is no longer a service in the spec`,
      diff: [],
      dependsOn: [],
      service: s.name,
      serviceId: s.id,
    });
  }
  actions.push(...removes);
  if (services.length === 0) {
    actions.push(
      ...afterLastService(removes, observed, {
        network: "no service left in the spec: the project's overlay network goes once they are gone",
        marker: 'no service left in the spec: the record that the project has services goes last',
      }),
    );
  }
  return { actions, unchanged, warnings: observed.serviceWarnings ?? [] };
}
