// The planner's pass over anonymous volumes: a recreate carries them into the new container, a remove leaves them on
// the engine (destroy --volumes removes them), and the plan names each one. Pure.
import type { AnonymousVolume, ObservedContainer } from '../engine/engine.js';
import { SSH_HOSTKEYS_DIR } from '../fields/ssh/ssh-settings.js';
import type { CanonicalEnv } from '../fields/canonical-env.js';
import { compareStrings } from '../base/compare-strings.js';
import type { ObservedState } from './observed-state.js';
import type { Action, AnonymousVolumeFate } from './plan-types.js';

/** Targets the new container mounts by itself: there the spec's own mount wins over the old anonymous volume. */
function mountedBySpec(env: CanonicalEnv): Set<string> {
  return new Set([...env.mounts.map((m) => m.target), ...(env.ssh === null ? [] : [SSH_HOSTKEYS_DIR])]);
}

function fateOf(volume: AnonymousVolume, fate: AnonymousVolumeFate['fate']): AnonymousVolumeFate {
  return { name: volume.name, target: volume.target, readOnly: volume.readOnly, fate };
}

/**
 * Marks every recreate and remove with the fate of its container's anonymous volumes. A removed container's volume
 * that a container staying on (or a recreate's new one) still mounts is not listed: nothing happens to it.
 * `removeWithContainers` (destroy --volumes) removes the others; otherwise they stay, like named volumes.
 */
export function planAnonymousVolumes(actions: readonly Action[], observed: ObservedState, opts: { removeWithContainers?: boolean } = {}): void {
  const byId = new Map<string, ObservedContainer>(observed.containers.map((c) => [c.id, c]));
  const removed = new Set(actions.flatMap((a) => (a.kind === 'remove' ? [a.containerId] : [])));
  const stillMounted = new Set<string>();
  for (const action of actions) {
    if (action.kind !== 'recreate') continue;
    const taken = mountedBySpec(action.env);
    const volumes = byId.get(action.containerId)?.anonymousVolumes ?? [];
    if (volumes.length === 0) continue;
    action.anonymousVolumes = volumes.map((v) => fateOf(v, taken.has(v.target) ? 'keep' : 'carry'));
    for (const v of action.anonymousVolumes) if (v.fate === 'carry') stillMounted.add(v.name);
  }
  const recreated = new Set(actions.flatMap((a) => (a.kind === 'recreate' ? [a.containerId] : [])));
  for (const c of observed.containers) {
    if (removed.has(c.id) || recreated.has(c.id)) continue;
    for (const v of c.anonymousVolumes ?? []) stillMounted.add(v.name);
  }
  for (const action of actions) {
    if (action.kind !== 'remove') continue;
    const left = (byId.get(action.containerId)?.anonymousVolumes ?? []).filter((v) => !stillMounted.has(v.name));
    if (left.length > 0) action.anonymousVolumes = left.map((v) => fateOf(v, opts.removeWithContainers === true ? 'remove' : 'keep'));
  }
}

/** destroy --volumes: one remove-volume per anonymous volume the removes left to remove, after every container using it. */
export function anonymousVolumeRemoves(removes: readonly Extract<Action, { kind: 'remove' }>[]): Action[] {
  const volumes = new Map<string, { target: string; users: string[] }>();
  for (const r of removes) {
    for (const v of r.anonymousVolumes ?? []) {
      if (v.fate !== 'remove') continue;
      const known = volumes.get(v.name) ?? { target: v.target, users: [] };
      known.users.push(r.id);
      volumes.set(v.name, known);
    }
  }
  return [...volumes.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([name, { target, users }]) => ({
      id: `remove-volume volume:${name}`,
      kind: 'remove-volume',
      // The full name is the action's (and --json's); 12 digits tell volumes apart in the text, as with image ids.
      resource: `volume:${name.slice(0, 12)}`,
      cause: `destroy --volumes removes the anonymous volume ${target} of ${users.map((id) => id.replace(/^remove /, '')).join(', ')} and its data`,
      diff: [],
      dependsOn: users,
      volumeName: name,
    }));
}
