// Use-case behind `envctl plan` (and the first half of apply/status): load the spec, observe, reconcile.
import type { Engine } from '../engine/engine.js';
import type { DesiredState } from '../spec/desired-state.js';
import type { ObservedState } from '../plan/observed-state.js';
import type { Plan } from '../plan/plan-types.js';
import { reconcile } from '../plan/reconcile.js';
import { observeProject } from './observe-project.js';
import { removeOldSpecCache } from './remove-old-spec-cache.js';
import { readOwnLayerChanges } from './read-own-layer-changes.js';
import { needsHeldPorts, plannedBindings, readHeldPorts } from './read-held-ports.js';
import { containersAtRisk } from '../plan/guard-own-layer.js';
import { EnvctlError } from '../errors/envctl-error.js';

export interface PlanRun {
  desired: DesiredState;
  observed: ObservedState;
  plan: Plan;
}

export interface SpecSource {
  file: string;
  displayPath?: string;
  /** More files merged onto `file`, in order (more `-f`). */
  overrides?: readonly string[];
}

/** The spec is loaded and validated BEFORE the engine is touched: a bad spec makes no engine call. */
export async function loadDesired(source: SpecSource): Promise<DesiredState> {
  const options = {
    ...(source.displayPath === undefined ? {} : { displayPath: source.displayPath }),
    ...(source.overrides === undefined ? {} : { overrides: source.overrides }),
  };
  removeOldSpecCache();
  const { loadSpec } = await import('../spec/load-spec.js');
  return loadSpec(source.file, options);
}

export async function planDesired(engine: Engine, desired: DesiredState): Promise<PlanRun> {
  const observed = await observeProject(engine, desired);
  let first = reconcile(desired, observed);
  refuseUnavailableImages(desired, observed, first);
  // Held ports are read only for a plan that publishes some (observe read them already for new environments); the
  // (cheap) reconcile then runs again with them.
  const wanted = plannedBindings(desired, first);
  if (needsHeldPorts(observed, wanted)) {
    await readHeldPorts(engine, observed, wanted);
    first = reconcile(desired, observed);
  }
  // Own-layer changes matter only for containers this plan would throw away; the planner stays pure, so they are
  // read here and the (cheap) reconcile runs once more with them.
  const atRisk = containersAtRisk(first.actions);
  if (atRisk.length === 0) return { desired, observed, plan: first };
  await readOwnLayerChanges(engine, observed, atRisk);
  return { desired, observed, plan: reconcile(desired, observed) };
}

/** `pull_policy: never`: a container that needs an image the engine does not have cannot be made; say so up front. */
function refuseUnavailableImages(desired: DesiredState, observed: ObservedState, plan: Plan): void {
  const sources = desired.imageSources ?? {};
  const missing = plan.actions.flatMap((a) =>
    (a.kind === 'create' || a.kind === 'recreate') && sources[a.env.name]?.pullPolicy === 'never' && observed.images[a.env.image] === false
      ? [`${a.env.image} (env ${a.env.name})`]
      : [],
  );
  if (missing.length === 0) return;
  throw new EnvctlError('image-unavailable', `${missing.join(', ')}: not on the engine, and pull_policy is never; nothing was changed`, {
    hint: 'load or build the image on this engine (docker load, envctl load), or set pull_policy: missing',
  });
}
