// Use-case behind `envctl destroy`: remove every container of the project; named volumes only with --volumes.
import type { Engine } from '../engine/engine.js';
import type { Plan } from '../plan/plan-types.js';
import type { ObservedState } from '../plan/observed-state.js';
import { planDestroy } from '../plan/plan-destroy.js';
import { executePlan, type ApplyRenderer } from '../apply/execute-plan.js';
import { EnvctlError } from '../errors/envctl-error.js';
import { confirmPlan, type Confirm } from './confirm-plan.js';
import { acquireProjectLock, type LockOptions } from '../apply/lock/project-lock.js';
import { observeContainersAndLock } from '../engine/observe-containers.js';
import { projectServices } from './observe-services.js';
import { signalOf, type ApplyOutcome } from './run-apply.js';
import { interruptible, throwIfInterrupted } from '../errors/interrupted.js';
import { containersAtRisk } from '../plan/guard-own-layer.js';
import { readOwnLayerChanges } from './read-own-layer-changes.js';
import { refuseLostWork } from './refuse-lost-work.js';
import type { EnvPolicy } from '../spec/env-policy.js';

export interface DestroyOptions {
  project: string;
  volumes: boolean;
  yes: boolean;
  confirm: Confirm | null;
  renderer: ApplyRenderer;
  show: (plan: Plan) => void;
  /** Remove containers even when that loses changes in their own layer. */
  discardChanges?: boolean;
  /** Per-environment on_recreate / ignore_changes from the spec, when destroy read one. */
  policies?: Record<string, EnvPolicy>;
  /** Take the project's engine-side lock (the CLI always does). */
  lock?: LockOptions;
  /** Ctrl-C / SIGTERM, as for apply: no new removal starts, the ones in progress finish, the lock is released. */
  signal?: AbortSignal;
}

async function observeForDestroy(engine: Engine, project: string): Promise<{ observed: ObservedState; volumeNames: string[] }> {
  const [{ containers, servicesMarker }, projectVolumes, services, network] = await Promise.all([
    observeContainersAndLock(engine, project),
    // Listed even without --volumes, so the plan can say which named volumes stay.
    engine.listProjectVolumes(project),
    projectServices(engine, project),
    engine.findProjectNetwork(project),
  ]);
  return {
    observed: { project, containers, foreignNames: {}, images: {}, volumes: {}, services, network, servicesMarker },
    volumeNames: projectVolumes.map((v) => v.name).sort(),
  };
}

export async function runDestroy(connect: () => Engine, options: DestroyOptions): Promise<ApplyOutcome> {
  const engine = connect();
  throwIfInterrupted(options.signal, 'destroy');
  const held = options.lock ? await acquireProjectLock(engine, options.project, { ...options.lock, ...signalOf(options) }) : null;
  try {
    throwIfInterrupted(options.signal, 'destroy');
    return await destroyLocked(engine, options);
  } finally {
    // As in apply: a lock left behind by a failed release is taken over by the next run on this machine.
    await held?.release().catch(() => undefined);
  }
}

async function destroyLocked(engine: Engine, options: DestroyOptions): Promise<ApplyOutcome> {
  const first = await observeForDestroy(engine, options.project);
  const planOpts = { volumes: options.volumes, volumeNames: first.volumeNames, policies: options.policies ?? {} };
  let plan = planDestroy(first.observed, planOpts);
  // Work in a container's own layer is protected on destroy exactly as on apply: listed, and refused unless chosen.
  // As for apply, the planner stays pure: the changes are read here and the plan is made once more with them.
  const atRisk = containersAtRisk(plan.actions);
  if (atRisk.length > 0) {
    await readOwnLayerChanges(engine, first.observed, atRisk);
    plan = planDestroy(first.observed, planOpts);
  }
  throwIfInterrupted(options.signal, 'destroy');
  options.show(plan);
  refuseLostWork(plan, options.discardChanges ?? false, 'destroy');
  if (plan.actions.length === 0) return { plan, result: null };
  // Ctrl-C at the question: nothing was done yet.
  const asked = await interruptible(options.signal, 'destroy', 'nothing was changed', () =>
    confirmPlan(plan, { yes: options.yes, confirm: options.confirm, verb: 'destroy' }),
  );
  throwIfInterrupted(options.signal, 'destroy');
  if (asked) {
    const again = await observeForDestroy(engine, options.project);
    throwIfInterrupted(options.signal, 'destroy');
    const replan = planDestroy(again.observed, { volumes: options.volumes, volumeNames: again.volumeNames });
    if (replan.observedFingerprint !== plan.observedFingerprint) {
      throw new EnvctlError('plan-stale', 'the engine changed while you were asked; nothing was changed', {
        hint: 'run `envctl destroy` again to see the new plan',
      });
    }
  }
  const result = await executePlan(plan, engine, { renderer: options.renderer, ...signalOf(options) });
  return { plan, result };
}
