// The planner: compares the desired environments with what the engine has and decides every action apply will take.
import type { ObservedContainer, UpdatePatch } from '../engine/engine.js';
import { type CanonicalEnv, type EnvStateName } from '../fields/canonical-env.js';
import { namedVolumes, type CanonicalVolume, type DesiredState } from '../spec/desired-state.js';
import { specHash } from './config-hash.js';
import { describeStatus, lifecycleOf, type Lifecycle } from './describe-status.js';
import { diffEnv, toFieldChanges, type EnvChange } from './diff-env.js';
import { fingerprintObserved } from './fingerprint-observed.js';
import { formatPublished } from '../fields/present/format-value.js';
import { guardOwnLayer } from './guard-own-layer.js';
import { planAnonymousVolumes } from './plan-anonymous-volumes.js';
import { isVolumeMissing, type ImageState, type ObservedState } from './observed-state.js';
import type { Action, Conflict, FieldChange, Plan } from './plan-types.js';
import { sortActions } from './sort-actions.js';
import { specGpuWarnings } from './gpu-claims.js';
import { bindSourceWarnings } from './bind-source-warnings.js';

type CreateAction = Extract<Action, { kind: 'create' }>;
type RecreateAction = Extract<Action, { kind: 'recreate' }>;
type RemoveAction = Extract<Action, { kind: 'remove' }>;

/** What one desired environment needs, before cross-environment checks (names, images, volumes). */
interface EnvPlan {
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
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const shortId = (id: string): string => id.slice(0, 12);
/** Short enough to say inline in a cause; longer values live in the diff lines. */
const INLINE_CAUSE_LIMIT = 40;

export function reconcile(desired: DesiredState, observed: ObservedState): Plan {
  const envs = [...desired.environments].sort((a, b) => compare(a.name, b.name));
  const wanted = new Set(envs.map((e) => e.name));

  const groups = new Map<string, ObservedContainer[]>();
  const orphans: ObservedContainer[] = [];
  for (const c of observed.containers) {
    if (c.envName !== null && wanted.has(c.envName)) {
      const group = groups.get(c.envName) ?? [];
      group.push(c);
      groups.set(c.envName, group);
    } else {
      orphans.push(c);
    }
  }

  const envPlans = envs.map((env) => planEnv(env, groups.get(env.name) ?? [], imageChange(env, observed.imageStates?.[env.name])));
  cascadeNamespaceRecreates(envPlans, observed.containers);
  const orphanRemoves = planOrphanRemoves(orphans);
  resolveNames(envPlans, orphanRemoves, observed);

  const live = envPlans.filter((p) => p.conflict === null);
  const builds = live.flatMap((p) => (p.build === null ? [] : [p.build]));
  const pulls = planPulls(builds, observed, desired);
  const imageBuilds = planImageBuilds(builds, observed, desired);
  const volumeCreates = planVolumeCreates(desired, builds, observed);
  for (const build of builds) {
    const pull = pulls.find((p) => p.image === build.env.image);
    if (pull) build.dependsOn.push(pull.id);
    const imageBuild = imageBuilds.find((b) => b.image === build.env.image);
    if (imageBuild) build.dependsOn.push(imageBuild.id);
    for (const name of namedVolumes(build.env)) {
      const create = volumeCreates.find((v) => v.volume.name === name);
      if (create) build.dependsOn.push(create.id);
    }
  }

  // A container that joins another's ipc or network namespace (container:<name>) can only start after that one.
  for (const build of builds) {
    for (const mode of new Set([build.env.ipc, build.env.networkMode])) {
      if (!mode.startsWith('container:')) continue;
      const target = builds.find((b) => b !== build && b.env.containerName === mode.slice('container:'.length));
      if (target && !build.dependsOn.includes(target.id)) build.dependsOn.push(target.id);
    }
  }

  const base: Action[] = [...pulls, ...imageBuilds, ...volumeCreates, ...live.flatMap((p) => [...p.removes, ...p.chain]), ...orphanRemoves];
  const { sorted: ordered, stuck } = sortActions(base);
  // A pull or image build exists only for the containers that need it; if they are stuck, so is its reason to run.
  const sorted = ordered.filter((a) => (a.kind !== 'pull' && a.kind !== 'build') || ordered.some((b) => b.dependsOn.includes(a.id)));
  const conflicts = envPlans.flatMap((p) => (p.conflict === null ? [] : [p.conflict]));
  for (const resource of [...new Set(stuck.map((a) => a.resource))].sort()) {
    conflicts.push({
      resource,
      message: 'container names would swap between environments; apply cannot do that in one step',
      hint: 'change one container_name, apply, then change the other',
    });
  }

  guardOwnLayer(sorted, observed, desired.policies ?? {});
  planAnonymousVolumes(sorted, observed);
  const acting = new Set(sorted.map((a) => a.resource));
  const blocked = new Set(conflicts.map((c) => c.resource));
  const unchanged = [
    ...envs.map((e) => `env:${e.name}`).filter((r) => !acting.has(r) && !blocked.has(r)),
    ...desired.volumes
      .map((v) => v.name)
      .sort(compare)
      .filter((name) => !isVolumeMissing(observed, name))
      .map((name) => `volume:${name}`),
  ];

  return {
    project: desired.project,
    actions: sorted,
    conflicts,
    warnings: [...portWarnings(sorted), ...bindSourceWarnings(sorted, observed.missingBindSources), ...specGpuWarnings(envs, builds.map((b) => b.env))],
    unchanged,
    observedFingerprint: fingerprintObserved(observed.containers),
  };
}

/**
 * A change of the image behind the same reference, which forces a recreate: only for envs that build their image or
 * pull it `always` (the user asked for the newest); `null` when the image stays. Decided per container below.
 */
interface ImageChange {
  /** The container runs this image id or not: a container on another id must be recreated. */
  wanted: string | null;
  /** What the new image is, for the diff ("a new build", "registry sha256:…"). */
  describe: string;
}

function imageChange(env: CanonicalEnv, state: ImageState | undefined): ImageChange | null {
  if (state === undefined) return null;
  if (state.kind === 'build') return { wanted: state.imageId, describe: state.imageId === null ? 'a new build' : shortImage(state.imageId) };
  if (!state.current) return { wanted: null, describe: `registry ${shortImage(state.digest)}` };
  return { wanted: state.imageId, describe: state.imageId === null ? env.image : shortImage(state.imageId) };
}

/** The first 12 hex digits, as `docker images` shows ids: enough to tell images apart in a plan. */
const shortImage = (id: string): string => id.replace(/^sha256:([0-9a-f]{12})[0-9a-f]*$/, '$1');

function planEnv(env: CanonicalEnv, containers: ObservedContainer[], image: ImageChange | null): EnvPlan {
  const resource = `env:${env.name}`;
  const plan: EnvPlan = { env, resource, removes: [], chain: [], keptId: null, claimId: null, build: null, conflict: null };
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
    };
    return { ...plan, chain: [create], claimId: create.id, build: create };
  }

  const kept = pickKept(env, containers);
  const duplicates = containers.filter((c) => c !== kept).sort((a, b) => compare(a.name, b.name));
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
    const recreate: RecreateAction = {
      id: `recreate ${resource}`,
      kind: 'recreate',
      resource,
      cause: recreateCause(forcing, kept),
      diff: [...toFieldChanges(changes), ...stateChange],
      dependsOn: [],
      env,
      // Only an action that builds a container needs it (a hash costs loading node:crypto: not for a no-op plan).
      specHash: specHash(env),
      containerId: kept.id,
      containerName: kept.name,
    };
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
  const newestFirst = [...containers].sort((a, b) => compare(b.createdAt, a.createdAt) || compare(a.id, b.id));
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

/** Removes of several containers of one resource get the container name in the id, so ids stay unique. */
function removeActions(resource: string, containers: ObservedContainer[], cause: (c: ObservedContainer) => string): RemoveAction[] {
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

function planOrphanRemoves(orphans: ObservedContainer[]): RemoveAction[] {
  const byEnv = new Map<string, ObservedContainer[]>();
  for (const c of orphans) {
    const key = c.envName ?? '';
    byEnv.set(key, [...(byEnv.get(key) ?? []), c]);
  }
  return [...byEnv.keys()].sort(compare).flatMap((envName) => {
    const containers = (byEnv.get(envName) ?? []).sort((a, b) => compare(a.name, b.name));
    if (envName === '') {
      // Labelled with the project but not with an environment: envctl's, but no spec entry can claim it.
      return containers.flatMap((c) =>
        removeActions(`container:${c.name}`, [c], () => `container "${c.name}" belongs to the project but to no environment`),
      );
    }
    return removeActions(`env:${envName}`, containers, () => `environment "${envName}" is no longer in the spec`);
  });
}

/**
 * A wanted container name must be free when the action that takes it runs: held by a foreign container it is a
 * conflict; held by one of the project's containers that is removed or renamed away, the action waits for that.
 * Conflicts are settled first, repeating until stable, because a conflict drops an environment's actions, which may
 * have been what freed a name for another; only then are the waits recorded.
 */
function resolveNames(envPlans: EnvPlan[], orphanRemoves: RemoveAction[], observed: ObservedState): void {
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

function planPulls(builds: (CreateAction | RecreateAction)[], observed: ObservedState, desired: DesiredState): Extract<Action, { kind: 'pull' }>[] {
  const sources = desired.imageSources ?? {};
  const states = observed.imageStates ?? {};
  // Why each image must be pulled: missing (pull_policy missing, the default), or behind the registry (always).
  const reasons = new Map<string, string>();
  for (const b of builds) {
    const name = b.env.name;
    const policy = sources[name]?.pullPolicy ?? 'missing';
    const state = states[name];
    if (policy === 'build' || policy === 'never') continue;
    if (state?.kind === 'always' && !state.current) {
      reasons.set(b.env.image, state.imageId === null ? 'not present locally' : `the registry has a newer image (${shortImage(state.digest)})`);
    } else if (observed.images[b.env.image] === false && !reasons.has(b.env.image)) reasons.set(b.env.image, 'not present locally');
  }
  const refs = [...reasons.keys()].sort(compare);
  return refs.map((ref) => ({
    id: `pull image:${ref}`,
    kind: 'pull',
    resource: `image:${ref}`,
    cause: `${reasons.get(ref)!}; needed by ${builds
      .filter((b) => b.env.image === ref)
      .map((b) => b.resource)
      .join(', ')}`,
    diff: [],
    dependsOn: [],
    image: ref,
  }));
}

function planImageBuilds(builds: (CreateAction | RecreateAction)[], observed: ObservedState, desired: DesiredState): Extract<Action, { kind: 'build' }>[] {
  const byRef = new Map<string, Extract<Action, { kind: 'build' }>>();
  for (const b of builds) {
    const state = observed.imageStates?.[b.env.name];
    const spec = desired.imageSources?.[b.env.name]?.build;
    if (state?.kind !== 'build' || state.imageId !== null || !spec) continue;
    const known = byRef.get(b.env.image);
    if (known) {
      known.cause = `${known.cause}, ${b.resource}`;
      continue;
    }
    byRef.set(b.env.image, {
      id: `build image:${b.env.image}`,
      kind: 'build',
      resource: `image:${b.env.image}`,
      cause: `${observed.images[b.env.image] === false ? 'not built yet' : 'the build context changed'}; needed by ${b.resource}`,
      diff: [],
      dependsOn: [],
      image: b.env.image,
      envName: b.env.name,
      build: spec,
      buildHash: state.hash,
    });
  }
  return [...byRef.values()].sort((a, b) => compare(a.image, b.image));
}

function planVolumeCreates(
  desired: DesiredState,
  builds: (CreateAction | RecreateAction)[],
  observed: ObservedState,
): Extract<Action, { kind: 'create-volume' }>[] {
  const declared = new Map(desired.volumes.map((v) => [v.name, v]));
  const names = new Set([...declared.keys(), ...builds.flatMap((b) => namedVolumes(b.env))]);
  return [...names]
    .filter((name) => isVolumeMissing(observed, name))
    .sort(compare)
    .map((name) => {
      // A volume only mounted (never declared) gets the engine's defaults, as `docker run -v name:/path` would.
      const volume: CanonicalVolume = declared.get(name) ?? { name, driver: 'local', driverOpts: {}, labels: {}, declared: false };
      const users = desired.environments
        .filter((e) => namedVolumes(e).includes(name))
        .map((e) => `env:${e.name}`)
        .sort(compare);
      return {
        id: `create-volume volume:${name}`,
        kind: 'create-volume',
        resource: `volume:${name}`,
        cause: users.length > 0 ? `used by ${users.join(', ')}` : 'declared under volumes:',
        diff: [],
        dependsOn: [],
        volume,
      };
    });
}

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '']);

/** SPEC: the plan shows every port a new container opens to all interfaces. */
function portWarnings(actions: Action[]): string[] {
  return actions.flatMap((a) => {
    if (a.kind !== 'create' && a.kind !== 'recreate') return [];
    const open = a.env.ports
      .filter((p) => ALL_INTERFACES.has(p.hostIp))
      .map((p) => `${a.resource} publishes ${formatPublished(p)} on all interfaces (${p.hostIp === '' ? '0.0.0.0' : p.hostIp})`);
    // sshd is key-only, but an ssh port open to every interface is still worth saying out loud.
    const ssh = a.env.ssh;
    if (ssh && ALL_INTERFACES.has(ssh.hostIp)) {
      open.push(`${a.resource} publishes ssh (${ssh.port ?? 'a random port'}) on all interfaces (${ssh.hostIp === '' ? '0.0.0.0' : ssh.hostIp}); set ssh.host_ip: 127.0.0.1 to keep it local`);
    }
    return open;
  });
}

/**
 * A container that joined another's ipc or network namespace (`container:<name>`) holds on to the namespace of the
 * container it joined at start. When that container is recreated, the joiner would keep a dead namespace, so it is
 * recreated too (after it: the dependency is added with the other build ordering). Repeats for chains of joiners.
 */
function cascadeNamespaceRecreates(plans: EnvPlan[], containers: ObservedContainer[]): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const joiner of plans) {
      if (joiner.conflict !== null || joiner.build !== null || joiner.keptId === null) continue;
      const modes = [joiner.env.ipc, joiner.env.networkMode].filter((m) => m.startsWith('container:'));
      const target = plans.find((t) => t !== joiner && t.build?.kind === 'recreate' && modes.includes(`container:${t.env.containerName}`));
      const kept = containers.find((c) => c.id === joiner.keptId);
      if (!target || !kept) continue;
      const joined = modes.find((m) => m === `container:${target.env.containerName}`)!;
      const recreate: RecreateAction = {
        id: `recreate ${joiner.resource}`,
        kind: 'recreate',
        resource: joiner.resource,
        cause: `joins ${target.resource} (${joined}), which is recreated`,
        diff: [],
        dependsOn: [],
        env: joiner.env,
        specHash: specHash(joiner.env),
        containerId: kept.id,
        containerName: kept.name,
      };
      // The recreate converges name and state by itself, so it replaces whatever smaller steps were planned.
      joiner.chain = [recreate];
      joiner.build = recreate;
      joiner.claimId = kept.name === joiner.env.containerName ? null : recreate.id;
      changed = true;
    }
  }
}
