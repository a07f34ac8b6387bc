// The planner's data-safety pass: marks every recreate/remove whose container holds work in its own layer, with the
// environment's policy (refuse / snapshot / discard). Pure: the changes were read by the observe layer beforehand.
import { enginePathsOf, significantChanges } from './significant-changes.js';
import { preRecreateTag } from './snapshot-tag.js';
import { DEFAULT_ENV_POLICY, type EnvPolicy } from '../spec/env-policy.js';
import type { ObservedState } from './observed-state.js';
import type { Action } from './plan-types.js';

/** How many changed paths the plan names; the count says how many there are in all. */
const LISTED_PATHS = 5;

/** Container ids whose own layer a plan would throw away: the only ones worth a `changes` request. */
export function containersAtRisk(actions: readonly Action[]): string[] {
  return [...new Set(actions.flatMap((a) => (a.kind === 'recreate' || a.kind === 'remove' ? [a.containerId] : [])))].sort();
}

export function guardOwnLayer(actions: Action[], observed: ObservedState, policies: Record<string, EnvPolicy>): void {
  const read = observed.ownLayerChanges;
  if (read === undefined) return;
  for (const action of actions) {
    if (action.kind !== 'recreate' && action.kind !== 'remove') continue;
    const raw = read[action.containerId];
    if (raw === undefined) continue;
    const envName = action.resource.startsWith('env:') ? action.resource.slice(4) : null;
    // An environment no longer in the spec has no policy any more: its work is protected like the default says.
    const policy = (envName !== null ? policies[envName] : undefined) ?? DEFAULT_ENV_POLICY;
    const container = observed.containers.find((c) => c.id === action.containerId);
    const lost = significantChanges(raw, policy.ignoreChanges, enginePathsOf(container));
    if (lost.length === 0) continue;
    action.ownLayer = {
      count: lost.length,
      paths: lost.slice(0, LISTED_PATHS).map((c) => c.path),
      policy: policy.onRecreate,
      ...(policy.onRecreate === 'snapshot'
        ? { snapshotTag: preRecreateTag(observed.project, envName ?? action.containerName, action.containerId) }
        : {}),
    };
  }
}
