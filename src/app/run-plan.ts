// Use-case behind `envctl plan` (and the first half of apply/status): load the spec, observe, reconcile.
import type { Engine } from '../engine/engine.js';
import type { DesiredState } from '../spec/canonical-env.js';
import type { ObservedState } from '../plan/observed-state.js';
import type { Plan } from '../plan/plan-types.js';
import { loadSpec } from '../spec/load-spec.js';
import { reconcile } from '../plan/reconcile.js';
import { observeProject } from './observe-project.js';

export interface PlanRun {
  desired: DesiredState;
  observed: ObservedState;
  plan: Plan;
}

export interface SpecSource {
  file: string;
  displayPath?: string;
}

/** The spec is loaded and validated BEFORE the engine is touched: a bad spec makes no engine call. */
export async function loadDesired(source: SpecSource): Promise<DesiredState> {
  return loadSpec(source.file, source.displayPath === undefined ? {} : { displayPath: source.displayPath });
}

export async function planDesired(engine: Engine, desired: DesiredState): Promise<PlanRun> {
  const observed = await observeProject(engine, desired);
  return { desired, observed, plan: reconcile(desired, observed) };
}

export async function runPlan(source: SpecSource, connect: () => Engine): Promise<PlanRun> {
  const desired = await loadDesired(source);
  return planDesired(connect(), desired);
}
