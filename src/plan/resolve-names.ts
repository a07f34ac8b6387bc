// Container names across environments: a wanted name held by a foreign container is a conflict; one held by a
// container of the project that goes away or is renamed makes the action taking it wait for that.
import type { EnvPlan } from './plan-env.js';
import type { ObservedState } from './observed-state.js';
import type { RemoveAction } from './remove-actions.js';
import { shortId } from './short-ids.js';

/**
 * A wanted container name must be free when the action that takes it runs: held by a foreign container it is a
 * conflict; held by one of the project's containers that is removed or renamed away, the action waits for that.
 * Conflicts are settled first, repeating until stable, because a conflict drops an environment's actions, which may
 * have been what freed a name for another; only then are the waits recorded.
 */
export function resolveNames(envPlans: EnvPlan[], orphanRemoves: RemoveAction[], observed: ObservedState): void {
  const byName = new Map(observed.containers.map((c) => [c.name, c]));
  const freedBy = (): Map<string, string> => {
    const frees = new Map<string, string>(orphanRemoves.map((r) => [r.containerId, r.id]));
    for (const p of envPlans) {
      if (p.conflict !== null) continue;
      for (const r of p.removes) frees.set(r.containerId, r.id);
      if (p.keptId !== null && p.claimId !== null) frees.set(p.keptId, p.claimId);
    }
    return frees;
  };
  const claims = (): EnvPlan[] => envPlans.filter((p) => p.conflict === null && p.claimId !== null);

  for (let changed = true; changed; ) {
    changed = false;
    const frees = freedBy();
    for (const p of claims()) {
      const name = p.env.containerName;
      const foreign = observed.foreignNames[name];
      const holder = byName.get(name);
      if (foreign) {
        const owner = foreign.project === null ? 'a container envctl does not own' : `a container of envctl project "${foreign.project}"`;
        p.conflict = {
          resource: p.resource,
          message: `container name "${name}" is taken by ${owner} (id ${shortId(foreign.id)})`,
          hint: 'rename or remove it yourself, or set container_name',
        };
        changed = true;
      } else if (holder && holder.id !== p.keptId && !frees.has(holder.id)) {
        p.conflict = {
          resource: p.resource,
          message: `container name "${name}" is held by env:${holder.envName ?? '?'}, which keeps it`,
          hint: 'give each environment its own container_name',
        };
        changed = true;
      }
    }
  }

  const frees = freedBy();
  for (const p of claims()) {
    const holder = byName.get(p.env.containerName);
    const claim = p.chain.find((a) => a.id === p.claimId);
    const wait = holder && holder.id !== p.keptId ? frees.get(holder.id) : undefined;
    if (claim && wait !== undefined && !claim.dependsOn.includes(wait)) claim.dependsOn.push(wait);
  }
}
