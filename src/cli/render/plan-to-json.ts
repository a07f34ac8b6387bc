// The plan as a stable JSON value for `--json`: no environment values, no internal objects, every count present.
import type { ActionKind, AnonymousVolumeFate, Conflict, FieldChange, OwnLayerRisk, Plan, Step } from '../../plan/plan-types.js';

export interface PlanJsonAction {
  id: string;
  kind: ActionKind;
  resource: string;
  cause: string;
  diff: FieldChange[];
  dependsOn: string[];
  /** The container acted on, when there is one already. */
  containerId?: string;
  /** pull: the image ref. */
  image?: string;
  /** rename: the new name. */
  newName?: string;
  /** recreate/remove: own-layer changes it would lose, and the policy (refuse / snapshot / discard). */
  ownLayer?: OwnLayerRisk;
  /** recreate/remove: the container's anonymous volumes and what becomes of each (carry / keep / remove). */
  anonymousVolumes?: AnonymousVolumeFate[];
  /** remove-volume: the volume's full name. */
  volumeName?: string;
  /** Service actions: the Swarm service's name, and its id when it exists already. */
  service?: string;
  serviceId?: string;
  /** create-network / remove-network: the project's overlay network. */
  network?: string;
  /** create-marker / remove-marker: the project's services marker (a never-started container). */
  marker?: string;
}

/** A step of the executor's dependency graph: its edges (`dependsOn`, step ids) and how Ctrl-C treats it. */
export type PlanJsonStep = Step;

export interface PlanJson {
  project: string;
  /** True when apply would do anything. */
  changes: boolean;
  actions: PlanJsonAction[];
  /** What apply runs: every action's steps with their dependencies (an action's first step waits for the actions it depends on). */
  steps: PlanJsonStep[];
  conflicts: Conflict[];
  warnings: string[];
  unchanged: string[];
  summary: Record<ActionKind, number> & { conflicts: number };
  observedFingerprint: string;
}

const ALL_KINDS: readonly ActionKind[] = [
  'pull',
  'build',
  'create-volume',
  'create',
  'update',
  'rename',
  'recreate',
  'start',
  'stop',
  'pause',
  'unpause',
  'remove',
  'remove-volume',
  'create-network',
  'create-service',
  'update-service',
  'remove-service',
  'remove-network',
  'create-marker',
  'remove-marker',
];

/**
 * The environments themselves are left out: they hold environment values, which may be secrets. Diffs are already
 * safe (the `environment` change names keys only).
 */
export function planToJson(plan: Plan): PlanJson {
  const actions = plan.actions.map((a): PlanJsonAction => {
    const out: PlanJsonAction = {
      id: a.id,
      kind: a.kind,
      resource: a.resource,
      cause: a.cause,
      diff: a.diff.map(({ field, from, to }) => ({ field, from, to })),
      dependsOn: [...a.dependsOn],
    };
    if ('containerId' in a) out.containerId = a.containerId;
    if (a.kind === 'pull' || a.kind === 'build') out.image = a.image;
    if (a.kind === 'rename') out.newName = a.newName;
    if (a.ownLayer) out.ownLayer = { ...a.ownLayer, paths: [...a.ownLayer.paths] };
    if (a.anonymousVolumes) out.anonymousVolumes = a.anonymousVolumes.map((v) => ({ ...v }));
    if (a.kind === 'remove-volume') out.volumeName = a.volumeName;
    if (a.kind === 'create-service' || a.kind === 'update-service') out.service = a.spec.Name;
    if (a.kind === 'update-service' || a.kind === 'remove-service') out.serviceId = a.serviceId;
    if (a.kind === 'remove-service') out.service = a.service;
    if (a.kind === 'create-network' || a.kind === 'remove-network') out.network = a.network;
    if (a.kind === 'create-marker' || a.kind === 'remove-marker') out.marker = a.marker;
    return out;
  });
  const counts = Object.fromEntries(ALL_KINDS.map((k) => [k, plan.actions.filter((a) => a.kind === k).length])) as Record<
    ActionKind,
    number
  >;
  return {
    project: plan.project,
    changes: plan.actions.length > 0,
    actions,
    steps: plan.steps.map((step) => ({ ...step, dependsOn: [...step.dependsOn] })),
    conflicts: plan.conflicts.map((c) => ({ ...c })),
    warnings: [...plan.warnings],
    unchanged: [...plan.unchanged],
    summary: { ...counts, conflicts: plan.conflicts.length },
    observedFingerprint: plan.observedFingerprint,
  };
}
