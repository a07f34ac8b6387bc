// The Plan: an ordered list of actions, each with a resource, a cause a person understands, a field diff and dependencies.
import type { CanonicalEnv } from '../fields/canonical-env.js';
import type { CanonicalVolume } from '../spec/desired-state.js';
import type { UpdatePatch } from '../engine/engine.js';
import type { BuildSpec } from '../spec/image-source.js';
import type { ServiceSpecJson } from '../fields/service-json.js';

export interface FieldChange {
  /** Spec-facing field name, e.g. 'shm_size', 'restart', 'ports'. */
  field: string;
  from: string;
  to: string;
}

interface ActionBase {
  /** Unique within a plan, e.g. 'create env:box'. */
  id: string;
  /** 'env:<name>', 'volume:<name>', 'image:<ref>', 'network:<name>'. */
  resource: string;
  cause: string;
  diff: FieldChange[];
  /** Ids of actions that must finish first. */
  dependsOn: string[];
  /** recreate/remove only: work in the container's own layer that this action would throw away, and the policy. */
  ownLayer?: OwnLayerRisk;
  /** recreate/remove only: what becomes of the container's anonymous volumes (their data is never lost silently). */
  anonymousVolumes?: AnonymousVolumeFate[];
}

/**
 * An anonymous volume (a name the engine made up) of a container that a recreate or remove replaces. carry: mounted
 * at the same target in the new container; keep: left on the engine, mounted by nothing (a recreate whose spec now
 * mounts the target itself, a removed container); remove: removed with its data (destroy --volumes).
 */
export interface AnonymousVolumeFate {
  name: string;
  target: string;
  readOnly: boolean;
  fate: 'carry' | 'keep' | 'remove';
}

/** Own-layer changes a recreate or remove would lose (runtime noise and ignore_changes already left out). */
export interface OwnLayerRisk {
  /** How many changed paths would be lost. */
  count: number;
  /** The first few of them, sorted, for the plan text. */
  paths: string[];
  /** refuse: apply stops unless --discard-changes; snapshot: commit to `snapshotTag` first; discard: go ahead. */
  policy: 'refuse' | 'snapshot' | 'discard';
  snapshotTag?: string;
}

export type Action =
  | (ActionBase & { kind: 'pull'; image: string })
  /** Build the image `image` of environment `envName` from its context; `buildHash` is what the plan saw. */
  | (ActionBase & { kind: 'build'; image: string; envName: string; build: BuildSpec; buildHash: string })
  | (ActionBase & { kind: 'create-volume'; volume: CanonicalVolume })
  | (ActionBase & { kind: 'remove-volume'; volumeName: string })
  /** Create the container and bring it to env.state. `sensitive`: names of its secret variables, for a label. */
  | (ActionBase & { kind: 'create'; env: CanonicalEnv; specHash: string; sensitive?: readonly string[] })
  /** Replace containerId with a new container for env (created first, so a bad config changes nothing). */
  | (ActionBase & { kind: 'recreate'; env: CanonicalEnv; specHash: string; sensitive?: readonly string[]; containerId: string; containerName: string })
  | (ActionBase & { kind: 'update'; containerId: string; patch: UpdatePatch })
  | (ActionBase & { kind: 'rename'; containerId: string; newName: string })
  | (ActionBase & { kind: 'start' | 'stop' | 'pause' | 'unpause'; containerId: string })
  | (ActionBase & { kind: 'remove'; containerId: string; containerName: string })
  /** The project's attachable overlay network, which its services share (plan/plan-services.ts). */
  | (ActionBase & { kind: 'create-network'; network: string })
  | (ActionBase & { kind: 'remove-network'; network: string; networkId: string })
  /** The project's services marker (plan/service-config.ts): made with its first service, removed with its last. */
  | (ActionBase & { kind: 'create-marker'; marker: string })
  | (ActionBase & { kind: 'remove-marker'; marker: string; markerId: string })
  /** A Swarm service for an environment with `deploy:`: `spec` is exactly what is sent. */
  | (ActionBase & { kind: 'create-service'; env: CanonicalEnv; spec: ServiceSpecJson; converge: Convergence })
  /** The whole spec again, carrying the version observed (a service changed meanwhile is refused). */
  | (ActionBase & { kind: 'update-service'; env: CanonicalEnv; spec: ServiceSpecJson; serviceId: string; version: number; converge: Convergence })
  | (ActionBase & { kind: 'remove-service'; service: string; serviceId: string });

/** What the convergence wait after a service create/update waits for. */
export interface Convergence {
  service: string;
  /** Tasks that must run: the replicas (0 for a global service: one per eligible node, as the engine says). */
  replicas: number;
  global: boolean;
  /** update_config.failure_action: rollback — the engine rolls back a failed update, and apply reports it. */
  rollback: boolean;
}

export type ActionKind = Action['kind'];
export type ActionOf<K extends ActionKind> = Extract<Action, { kind: K }>;

/**
 * What the executor runs: one step per engine-facing part of an action. Most actions are one step (its id is the
 * action's id, its kind the action's kind); a recreate is several, and a recreate or remove that keeps the container's
 * own layer first has a `snapshot` step. A person reads actions; the executor schedules steps.
 */
export type StepKind =
  | ActionKind
  /** Commit the container's own layer to the plan's snapshot tag, before a recreate or remove loses it. */
  | 'snapshot'
  /** Recreate: the new container under a temporary name (the engine checks the whole config here), ssh prepared. */
  | 'create-new'
  | 'stop-old'
  | 'remove-old'
  /** Recreate: the new container takes the wanted name. */
  | 'rename-new'
  /** Recreate: the new container brought to its state (and sshd installed in it, if its image has none). */
  | 'start-new'
  /** After a service create or update: wait until its tasks run the new spec (live progress, a timeout, task errors). */
  | 'converge';

export interface Step {
  /** The action's id for a one-step action; `<action id>/<kind>` for a step of a longer one. */
  id: string;
  /** The id of the action this step is part of. */
  action: string;
  kind: StepKind;
  /** Ids of steps that must be done first: the step before it in its action, or the last step of an action it waits for. */
  dependsOn: string[];
  /**
   * Container creates, image pulls and builds, commits: they make the engine write layers and copy data, so only a
   * few run at once. Every other step (stop, remove, rename, start, …) is quick or only waits, and is not limited.
   */
  loadsEngine: boolean;
  /** The step whose new container this step acts on (a recreate's `create-new`): its result is handed over. */
  uses?: string;
  /** Ctrl-C: started anyway once its dependencies are done, because its action is past the point of no return. */
  finishesAfterInterrupt?: true;
  /** Ctrl-C: if the run stops before step `undoneUnlessStarted` starts, this step's work is undone (rolled back). */
  undoneUnlessStarted?: string;
}

/** Something the plan will not do, and why (e.g. the wanted name belongs to a container envctl does not own). */
export interface Conflict {
  resource: string;
  message: string;
  hint?: string;
}

export interface Plan {
  project: string;
  actions: Action[];
  /** The dependency graph the executor runs: every action's steps, in plan order (dependencies come earlier). */
  steps: Step[];
  conflicts: Conflict[];
  warnings: string[];
  /** Resources already as the spec says. */
  unchanged: string[];
  /** Fingerprint of what was observed; apply checks it again before acting. */
  observedFingerprint: string;
}
