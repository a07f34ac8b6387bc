// Removes of containers no environment keeps: duplicates of an environment, and containers the spec no longer claims.
import type { ObservedContainer } from '../engine/engine.js';
import type { ActionOf } from './plan-types.js';
import { compareText } from './short-ids.js';

export type RemoveAction = ActionOf<'remove'>;

/** Removes of several containers of one resource get the container name in the id, so ids stay unique. */
export function removeActions(resource: string, containers: ObservedContainer[], cause: (c: ObservedContainer) => string): RemoveAction[] {
  return containers.map((c) => ({
    id: containers.length > 1 ? `remove ${resource} (${c.name})` : `remove ${resource}`,
    kind: 'remove',
    resource,
    cause: cause(c),
    diff: [],
    dependsOn: [],
    containerId: c.id,
    containerName: c.name,
  }));
}

export function planOrphanRemoves(orphans: ObservedContainer[]): RemoveAction[] {
  const byEnv = new Map<string, ObservedContainer[]>();
  for (const c of orphans) {
    const key = c.envName ?? '';
    byEnv.set(key, [...(byEnv.get(key) ?? []), c]);
  }
  return [...byEnv.keys()].sort(compareText).flatMap((envName) => {
    const containers = (byEnv.get(envName) ?? []).sort((a, b) => compareText(a.name, b.name));
    if (envName === '') {
      // Labelled with the project but not with an environment: envctl's, but no spec entry can claim it.
      return containers.flatMap((c) =>
        removeActions(`container:${c.name}`, [c], () => `container "${c.name}" belongs to the project but to no environment`),
      );
    }
    return removeActions(`env:${envName}`, containers, () => `environment "${envName}" is no longer in the spec`);
  });
}
