// The plan for `envctl destroy`: remove every container of the project, and its named volumes only when asked.
import type { ObservedContainer } from '../engine/engine.js';
import { usesHostKeyVolume } from '../fields/ssh/ssh-settings.js';
import { fingerprintObserved } from './fingerprint-observed.js';
import type { ObservedState } from './observed-state.js';
import type { Action, Plan } from './plan-types.js';
import { anonymousVolumeRemoves, planAnonymousVolumes } from './plan-anonymous-volumes.js';
import { guardOwnLayer } from './guard-own-layer.js';
import { planSteps } from './plan-steps.js';
import { planDestroyServices } from './plan-destroy-services.js';
import { compareText as compare } from './short-ids.js';
import type { EnvPolicy } from '../spec/env-policy.js';

/**
 * One `remove` per container, with no separate `stop`: the engine's remove is forced, which stops a running or
 * paused container itself, so a stop would only add a step that can fail. With `volumes: true`, each named volume
 * and each anonymous one is removed after every container of the project that mounts it (the engine refuses to
 * remove a volume in use). Without it the named volumes are listed as unchanged and the anonymous ones under their
 * container's remove: destroy keeps data unless asked. Work in a container's own layer (when `observed` holds it) is
 * guarded as on apply, with `policies` per environment (the spec's on_recreate / ignore_changes, when one was read).
 */
export function planDestroy(observed: ObservedState, opts: { volumes: boolean; volumeNames: string[]; policies?: Record<string, EnvPolicy> }): Plan {
  const containers = [...observed.containers].sort(
    (a, b) => compare(a.envName ?? '', b.envName ?? '') || compare(a.name, b.name),
  );
  const resourceOf = (c: ObservedContainer): string => (c.envName === null ? `container:${c.name}` : `env:${c.envName}`);
  const perResource = new Map<string, number>();
  for (const c of containers) perResource.set(resourceOf(c), (perResource.get(resourceOf(c)) ?? 0) + 1);

  const removes: Extract<Action, { kind: 'remove' }>[] = containers.map((c) => {
    const resource = resourceOf(c);
    return {
      id: (perResource.get(resource) ?? 0) > 1 ? `remove ${resource} (${c.name})` : `remove ${resource}`,
      kind: 'remove',
      resource,
      cause: 'destroy removes the container (named volumes are kept)',
      diff: [],
      dependsOn: [],
      containerId: c.id,
      containerName: c.name,
    };
  });

  const volumeNames = [...new Set(opts.volumeNames)].sort(compare);
  const volumeRemoves: Action[] = opts.volumes
    ? volumeNames.map((name) => ({
        id: `remove-volume volume:${name}`,
        kind: 'remove-volume',
        resource: `volume:${name}`,
        cause: 'destroy --volumes removes the named volume and its data',
        diff: [],
        dependsOn: removes
          .filter((_removal, i) => {
            const config = containers[i]?.config;
            return config !== undefined && (config.mounts.some((m) => m.type === 'volume' && m.source === name) || usesHostKeyVolume(config, name));
          })
          .map((r) => r.id),
        volumeName: name,
      }))
    : [];

  planAnonymousVolumes(removes, observed, { removeWithContainers: opts.volumes });
  const anonymousRemoves = opts.volumes ? anonymousVolumeRemoves(removes) : [];

  if (opts.volumes) for (const r of removes) r.cause = 'destroy removes the container';
  guardOwnLayer(removes, observed, opts.policies ?? {});
  const serviceRemoves = planDestroyServices(observed);
  // A named volume a service's task mounts on this node is free only once the service is gone.
  for (const v of volumeRemoves) v.dependsOn.push(...serviceRemoves.filter((a) => a.kind === 'remove-service').map((a) => a.id));
  const actions = [...serviceRemoves, ...removes, ...volumeRemoves, ...anonymousRemoves];

  return {
    project: observed.project,
    actions,
    steps: planSteps(actions),
    conflicts: [],
    warnings: [],
    unchanged: opts.volumes ? [] : volumeNames.map((name) => `volume:${name}`),
    observedFingerprint: fingerprintObserved(observed.containers, observed.services),
  };
}
