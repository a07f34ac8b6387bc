// Containers that join another's ipc or network namespace (`container:<name>`): they start after it, and are
// recreated with it.
import type { ObservedContainer } from '../engine/engine.js';
import { recreateAction, type EnvPlan, type RecreateAction } from './plan-env.js';
import type { ActionOf } from './plan-types.js';

/**
 * A container that joined another's ipc or network namespace (`container:<name>`) holds on to the namespace of the
 * container it joined at start. When that container is recreated, the joiner would keep a dead namespace, so it is
 * recreated too (after it: see orderNamespaceJoins). Repeats for chains of joiners.
 */
export function cascadeNamespaceRecreates(plans: EnvPlan[], containers: ObservedContainer[]): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const joiner of plans) {
      if (joiner.conflict !== null || joiner.build !== null || joiner.keptId === null) continue;
      const modes = [joiner.env.ipc, joiner.env.networkMode].filter((m) => m.startsWith('container:'));
      const target = plans.find((t) => t !== joiner && t.build?.kind === 'recreate' && modes.includes(`container:${t.env.containerName}`));
      const kept = containers.find((c) => c.id === joiner.keptId);
      if (!target || !kept) continue;
      const joined = modes.find((m) => m === `container:${target.env.containerName}`)!;
      const recreate: RecreateAction = recreateAction(joiner.env, kept, `joins ${target.resource} (${joined}), which is recreated`, [], joiner.sensitive);
      // The recreate converges name and state by itself, so it replaces whatever smaller steps were planned.
      joiner.chain = [recreate];
      joiner.build = recreate;
      joiner.claimId = kept.name === joiner.env.containerName ? null : recreate.id;
      changed = true;
    }
  }
}

/** A container that joins another's ipc or network namespace (container:<name>) can only start after that one. */
export function orderNamespaceJoins(builds: (ActionOf<'create'> | ActionOf<'recreate'>)[]): void {
  for (const build of builds) {
    for (const mode of new Set([build.env.ipc, build.env.networkMode])) {
      if (!mode.startsWith('container:')) continue;
      const target = builds.find((b) => b !== build && b.env.containerName === mode.slice('container:'.length));
      if (target && !build.dependsOn.includes(target.id)) build.dependsOn.push(target.id);
    }
  }
}
