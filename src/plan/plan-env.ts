// What one desired environment needs, from the containers it has: create, recreate, or update/rename/state steps.
import type { ObservedContainer } from '../engine/engine.js';
import type { CanonicalEnv, EnvStateName } from '../fields/canonical-env.js';
import type { UpdatePatch } from '../fields/update-patch.js';
import { specHash } from './config-hash.js';
import { describeStatus, lifecycleOf, type Lifecycle } from './describe-status.js';
import { diffEnv, toFieldChanges, type EnvChange } from './diff-env.js';
import type { ImageChange } from './image-change.js';
import type { Action, ActionOf, Conflict, FieldChange } from './plan-types.js';
import { removeActions, type RemoveAction } from './remove-actions.js';
import { compareText, shortId, shortImage } from './short-ids.js';

type CreateAction = ActionOf<'create'>;
export type RecreateAction = ActionOf<'recreate'>;

/** What one desired environment needs, before cross-environment checks (names, images, volumes). */
export interface EnvPlan {
  env: CanonicalEnv;
  resource: string;
  /** Removes of duplicate containers of this environment. */
  removes: RemoveAction[];
  /** The environment's own actions, each depending on the one before. */
  chain: Action[];
  /** The container kept for this environment, if any. */
  keptId: string | null;
  /** The action that makes a container of this environment take env.containerName, if one does. */
  claimId: string | null;
  /** The create or recreate, whose image and volumes must exist first. */
  build: CreateAction | RecreateAction | null;
  conflict: Conflict | null;
  /** Names of the environment's secret variables (DesiredState.sensitive): a container made for it labels them. */
  sensitive: readonly string[];
}

/** Short enough to say inline in a cause; longer values live in the diff lines. */
const INLINE_CAUSE_LIMIT = 40;

/** A recreate of `kept` into a container for `env`; it converges name and state by itself. */
export function recreateAction(env: CanonicalEnv, kept: ObservedContainer, cause: string, diff: FieldChange[], sensitive: readonly string[]): RecreateAction {
  return {
    id: `recreate env:${env.name}`,
    kind: 'recreate',
    resource: `env:${env.name}`,
    cause,
    diff,
    dependsOn: [],
    env,
    // Only an action that builds a container needs it (a hash costs loading node:crypto: not for a no-op plan).
    specHash: specHash(env),
    ...(sensitive.length > 0 ? { sensitive } : {}),
    containerId: kept.id,
    containerName: kept.name,
  };
}

export function planEnv(env: CanonicalEnv, containers: ObservedContainer[], image: ImageChange | null, sensitive: readonly string[] = []): EnvPlan {
  const resource = `env:${env.name}`;
  const plan: EnvPlan = { env, resource, removes: [], chain: [], keptId: null, claimId: null, build: null, conflict: null, sensitive };
  if (containers.length === 0) {
    const create: CreateAction = {
      id: `create ${resource}`,
      kind: 'create',
      resource,
      cause: 'new environment',
      diff: [],
      dependsOn: [],
      env,
      specHash: specHash(env),
      ...(sensitive.length > 0 ? { sensitive } : {}),
    };
    return { ...plan, chain: [create], claimId: create.id, build: create };
  }

  const kept = pickKept(env, containers);
  const duplicates = containers.filter((c) => c !== kept).sort((a, b) => compareText(a.name, b.name));
  plan.keptId = kept.id;
  plan.removes = removeActions(
    resource,
    duplicates,
    () => `duplicate container left by an interrupted apply; keeping "${kept.name}" (${shortId(kept.id)})`,
  );

  const changes = diffEnv(kept.config, env);
  if (image !== null && (image.wanted === null || kept.imageId !== image.wanted)) {
    changes.push({ field: 'image', from: shortImage(kept.imageId), to: image.describe, forcesRecreate: true });
  }
  const lifecycle = lifecycleOf(kept);
  const forcing = changes.filter((c) => c.forcesRecreate);
  const renames = kept.name !== env.containerName;

  if (forcing.length > 0 || lifecycle === 'gone') {
    const stateChange: FieldChange[] =
      lifecycle === env.state ? [] : [{ field: 'state', from: lifecycle === 'gone' ? kept.status : lifecycle, to: env.state }];
    const recreate = recreateAction(env, kept, recreateCause(forcing, kept), [...toFieldChanges(changes), ...stateChange], sensitive);
    return { ...plan, chain: [recreate], claimId: renames ? recreate.id : null, build: recreate };
  }

  const chain: Action[] = [];
  const patchChanges = changes.filter((c) => c.renames !== true);
  if (patchChanges.length > 0) {
    chain.push({
      id: `update ${resource}`,
      kind: 'update',
      resource,
      cause: inPlaceCause(patchChanges),
      diff: toFieldChanges(patchChanges),
      dependsOn: [],
      containerId: kept.id,
      patch: Object.assign({}, ...patchChanges.map((c) => c.patch ?? {})) as UpdatePatch,
    });
  }
  if (renames) {
    chain.push({
      id: `rename ${resource}`,
      kind: 'rename',
      resource,
      cause: `container name "${kept.name}" → "${env.containerName}", in place (same container)`,
      diff: [{ field: 'container_name', from: kept.name, to: env.containerName }],
      dependsOn: [],
      containerId: kept.id,
      newName: env.containerName,
    });
    plan.claimId = `rename ${resource}`;
  }
  const steps = stateSteps(lifecycle, env.state);
  steps.forEach((kind, i) => {
    const cause =
      i === 0 ? `${describeStatus(kept)}; spec says ${env.state}` : `spec says ${env.state} (after ${steps[0] ?? ''})`;
    chain.push({ id: `${kind} ${resource}`, kind, resource, cause, diff: [], dependsOn: [], containerId: kept.id });
  });
  // One container, one thing at a time: each step waits for the one before it.
  chain.forEach((action, i) => {
    const previous = chain[i - 1];
    if (previous) action.dependsOn.push(previous.id);
  });
  return { ...plan, chain };
}

/** The container named as the spec wants wins; otherwise the newest, as the one an interrupted apply made last. */
function pickKept(env: CanonicalEnv, containers: ObservedContainer[]): ObservedContainer {
  const named = containers.find((c) => c.name === env.containerName);
  if (named) return named;
  const newestFirst = [...containers].sort((a, b) => compareText(b.createdAt, a.createdAt) || compareText(a.id, b.id));
  return newestFirst[0] as ObservedContainer;
}

function recreateCause(forcing: EnvChange[], kept: ObservedContainer): string {
  const parts: string[] = [];
  const only = forcing.length === 1 ? forcing[0] : undefined;
  if (only) {
    const inline = only.from === '' ? only.to : `${only.from} → ${only.to}`;
    parts.push(inline.length <= INLINE_CAUSE_LIMIT ? `${only.field} ${inline} forces recreate` : `${only.field} change forces recreate`);
  } else if (forcing.length > 1) {
    parts.push(`${forcing.map((c) => c.field).join(', ')} change: recreate`);
  }
  if (lifecycleOf(kept) === 'gone') parts.push(parts.length === 0 ? `${describeStatus(kept)}; recreate` : describeStatus(kept));
  return parts.join('; ');
}

function inPlaceCause(changes: EnvChange[]): string {
  const only = changes.length === 1 ? changes[0] : undefined;
  if (only) return `${only.field} ${only.from} → ${only.to}, in place (same container)`;
  return `${changes.map((c) => c.field).join(', ')} change in place (same container)`;
}

type StateKind = 'start' | 'stop' | 'pause' | 'unpause';

/** Engine calls that take a container from one lifecycle state to another (a paused container cannot be stopped). */
function stateSteps(from: Exclude<Lifecycle, 'gone'>, to: EnvStateName): StateKind[] {
  if (from === to) return [];
  if (from === 'stopped') return to === 'running' ? ['start'] : ['start', 'pause'];
  if (from === 'running') return to === 'stopped' ? ['stop'] : ['pause'];
  return to === 'running' ? ['unpause'] : ['unpause', 'stop'];
}
