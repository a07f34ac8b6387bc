// Use-case behind `envctl apply`: plan, show, confirm when destructive, re-check the engine, execute exactly that plan.
import type { RemovedImages } from './remove-built-images.js';
import type { Engine } from '../engine/engine.js';
import { EnvctlError } from '../errors/envctl-error.js';
import type { Plan } from '../plan/plan-types.js';
import type { ObservedState } from '../plan/observed-state.js';
import type { ApplyRenderer, ApplyResult } from '../apply/execute-plan.js';
import { checkGpuSupport } from '../features/gpu/check-gpu-support.js';
import { confirmPlan, type Confirm } from './confirm-plan.js';
import { reconcile } from '../plan/reconcile.js';
import { planDesired } from './run-plan.js';
import { acquireProjectLock, clearDeadLock, type LockOptions } from '../apply/lock/project-lock.js';
import { interruptible, throwIfInterrupted } from '../errors/interrupted.js';
import type { DesiredState } from '../spec/desired-state.js';
import { refuseLostWork } from './refuse-lost-work.js';
import { observeContainersAndServices } from './observe-services.js';
import { mountedVolumeNames } from './observe-project.js';

export interface ApplyOptions {
  yes: boolean;
  confirm: Confirm | null;
  renderer: ApplyRenderer;
  /** Called with the plan before anything is asked or done (the CLI prints it). */
  show: (plan: Plan) => void;
  /** Take the project's engine-side lock around plan + execute (the CLI always does; absent = no lock). */
  lock?: LockOptions;
  /** Go ahead even when a recreate/remove would lose own-layer changes of an env whose on_recreate is refuse. */
  discardChanges?: boolean;
  /** How long each service's convergence wait may take (--wait-timeout); default wait-for-service.ts. */
  convergeTimeoutMs?: number;
  /**
   * Ctrl-C / SIGTERM. Before the plan runs: stop, nothing changed. While it runs: no new action starts, the ones in
   * progress finish or roll back, and the outcome says which; the lock is released either way.
   */
  signal?: AbortSignal;
  /** Under the lock, before the plan is shown: throws to refuse it (a saved plan the spec or engine no longer matches). */
  check?: (plan: Plan, observed: ObservedState) => void;
}

export interface ApplyOutcome {
  plan: Plan;
  /** null when there was nothing to do. */
  result: ApplyResult | null;
  /** `destroy --images`: the built images removed after the containers, and those kept. */
  images?: RemovedImages;
}

function refuseConflicts(plan: Plan): void {
  if (plan.conflicts.length === 0) return;
  const first = plan.conflicts[0]!;
  throw new EnvctlError(
    'conflict',
    plan.conflicts.length === 1
      ? `${first.resource}: ${first.message}; nothing was changed`
      : `${plan.conflicts.length} conflicts (first: ${first.resource}: ${first.message}); nothing was changed`,
    first.hint === undefined ? {} : { hint: first.hint },
  );
}

/** Apply for a loaded spec (or one engine's part of it). */
export async function runApplyDesired(desired: DesiredState, connect: () => Engine, options: ApplyOptions): Promise<ApplyOutcome> {
  const engine = connect();
  if (options.lock) {
    // A plan with nothing to do writes nothing, so it needs no lock: a no-op apply costs 1 list + N inspects and no
    // lock container. Anything else is planned again under the lock below, and only that plan is shown and done.
    // Only whether there is work matters here, so the containers alone are read: the name, image and volume lookups a
    // plan with work needs are made once, under the lock (a missing container already means there is work).
    // The same list call shows the project's lock: one left by an apply killed on this machine goes even here.
    // With services (or the marker that the project had some), the one service list call too (full specs: no inspects).
    const observed: ObservedState = { project: desired.project, containers: [], foreignNames: {}, images: {}, volumes: {} };
    const { containers, lock } = await observeContainersAndServices(engine, desired, observed, false);
    observed.containers = containers;
    const unlocked = reconcile(desired, observed);
    // A declared volume no container or service mounts can only be found missing by a lookup: no shortcut then.
    const mounted = mountedVolumeNames(desired, observed);
    const volumesKnown = desired.volumes.every((v) => mounted.has(v.name));
    // An image that is built or pulled `always` can have changed with every container as it was: no shortcut then.
    const imagesKnown = Object.values(desired.imageSources ?? {}).every((source) => source.pullPolicy === 'never');
    if (volumesKnown && imagesKnown && unlocked.actions.length === 0 && unlocked.conflicts.length === 0) {
      if (lock !== null) await clearDeadLock(engine, lock, options.lock.onStale);
      options.check?.(unlocked, observed);
      options.show(unlocked);
      return { plan: unlocked, result: null };
    }
  }
  throwIfInterrupted(options.signal, 'apply');
  // The plan is made under the lock: a plan made while another apply runs would be stale by the time it ran.
  const held = options.lock ? await acquireProjectLock(engine, desired.project, { ...options.lock, ...signalOf(options) }) : null;
  try {
    throwIfInterrupted(options.signal, 'apply');
    return await applyDesired(engine, desired, options);
  } finally {
    // A lock that cannot be removed (engine gone) must not hide why the apply stopped; the next apply on this machine
    // sees its holder is dead and takes it over, elsewhere `envctl unlock` clears it.
    await held?.release().catch(() => undefined);
  }
}

async function applyDesired(engine: Engine, desired: DesiredState, options: ApplyOptions): Promise<ApplyOutcome> {
  const { plan, observed } = await planDesired(engine, desired);
  throwIfInterrupted(options.signal, 'apply');
  options.check?.(plan, observed);
  options.show(plan);
  refuseConflicts(plan);
  refuseLostWork(plan, options.discardChanges ?? false);
  if (plan.actions.length === 0) return { plan, result: null };
  // Before anything is asked or created: a GPU environment on an engine without GPU support would half-apply.
  await checkGpuSupport(plan, engine);

  // Ctrl-C at the question: nothing was done yet.
  const asked = await interruptible(options.signal, 'apply', 'nothing was changed', () =>
    confirmPlan(plan, { yes: options.yes, confirm: options.confirm, verb: 'apply' }),
  );
  throwIfInterrupted(options.signal, 'apply');
  if (asked) {
    // Someone may have changed the engine while the question was open: apply only the plan that was shown.
    const again = await planDesired(engine, desired);
    throwIfInterrupted(options.signal, 'apply');
    if (again.plan.observedFingerprint !== plan.observedFingerprint) {
      throw new EnvctlError('plan-stale', 'the engine changed since this plan was made; nothing was changed', {
        hint: 'run `envctl apply` again to see the new plan',
      });
    }
  }
  // Loaded only when there is work: the executor brings listr2, which a no-op apply never needs.
  const { executePlan } = await import('../apply/execute-plan.js');
  const timeout = options.convergeTimeoutMs === undefined ? {} : { convergeTimeoutMs: options.convergeTimeoutMs };
  const result = await executePlan(plan, engine, { renderer: options.renderer, ...signalOf(options), ...timeout });
  return { plan, result };
}

export function signalOf(options: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return options.signal === undefined ? {} : { signal: options.signal };
}
