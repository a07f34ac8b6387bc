// The canonical environment: what the spec normalizes to AND what observe reads back from the engine (same type).
import type { Field, KeyDefs } from './field.js';
import type { FIELDS } from './registry.js';

export type Protocol = 'tcp' | 'udp' | 'sctp';

export interface PortBinding {
  /** Container port. */
  target: number;
  /** Host port; null = an ephemeral port chosen by the engine. */
  published: number | null;
  /** '0.0.0.0' = all interfaces (what `-p H:C` does). */
  hostIp: string;
  protocol: Protocol;
  /** A service's port only: published through the ingress routing mesh (every node) or on the task's node alone. */
  mode?: 'ingress' | 'host';
}

export type Mount =
  | { type: 'bind'; source: string; target: string; readOnly: boolean }
  | { type: 'volume'; source: string; target: string; readOnly: boolean }
  | { type: 'tmpfs'; target: string; sizeBytes: number | null };

export type RestartName = 'no' | 'always' | 'unless-stopped' | 'on-failure';
export interface RestartPolicy {
  name: RestartName;
  /** Only meaningful with on-failure; 0 otherwise. */
  maxRetries: number;
}

export type EnvStateName = 'running' | 'stopped' | 'paused';

/** What identifies an environment and its lifecycle: not container config, so no field of the table. */
export interface EnvIdentity {
  project: string;
  /** The key under `environments:`. */
  name: string;
  /** What apply converges the container to (observe: what its status is). */
  state: EnvStateName;
}

type TableField = (typeof FIELDS)[number];

/**
 * Every field envctl manages, with engine defaults filled in, so that Desired and Actual compare with `===`-like
 * equality: the identity plus one property per field of the table (registry.ts), typed by the field itself.
 * Lists that the engine treats as sets are sorted; maps are plain objects with sorted keys; `null` for
 * command/entrypoint/workingDir/user/hostname means "the image's default".
 */
export type CanonicalEnv = EnvIdentity & { [F in TableField as F['prop']]: F extends Field<string, infer V, KeyDefs> ? V : never };

/** One device request, as HostConfig.DeviceRequests holds it (capabilities: the single AND-set, sorted). */
export interface GpuRequest {
  /** '' = any driver that offers the capabilities (nvidia). */
  driver: string;
  /** -1 = all GPUs; 0 when deviceIds name them. */
  count: number;
  /** In the order written: it is the order the container numbers them. */
  deviceIds: string[];
  capabilities: string[];
}

export interface Ulimit {
  name: string;
  soft: number;
  hard: number;
}

/** Durations in nanoseconds, as the engine stores them; 0 = the engine's default. test ['NONE'] = disabled. */
export interface Healthcheck {
  test: string[];
  intervalNs: number;
  timeoutNs: number;
  startPeriodNs: number;
  retries: number;
}

/** How Swarm replaces tasks in a rolling update (update_config) or a rollback (rollback_config). */
export interface UpdatePolicy {
  /** Tasks replaced at once; 0 = all at once. */
  parallelism: number;
  delayNs: number;
  failureAction: 'pause' | 'continue' | 'rollback';
  monitorNs: number;
  maxFailureRatio: number;
  order: 'stop-first' | 'start-first';
}

export interface GenericResource {
  kind: string;
  value: number;
}

/** `deploy:` (Compose's names): the environment is a Swarm service; every Swarm default filled in. */
export interface Deploy {
  mode: 'replicated' | 'global';
  /** Tasks of a replicated service; 0 for global (one task on every node that qualifies). */
  replicas: number;
  endpointMode: 'vip' | 'dnsrr';
  /** The service's own labels (the environment's `labels` go on its containers). */
  labels: Record<string, string>;
  /** Placement constraints, sorted (all must hold). */
  constraints: string[];
  /** Spread preferences (node label paths), in the order written: the first spreads first. */
  preferences: string[];
  /** 0 = no limit. */
  maxReplicasPerNode: number;
  limits: { nanoCpus: number; memoryBytes: number; pids: number };
  reservations: { nanoCpus: number; memoryBytes: number; genericResources: GenericResource[] };
  restartPolicy: { condition: 'none' | 'on-failure' | 'any'; delayNs: number; maxAttempts: number; windowNs: number };
  updateConfig: UpdatePolicy;
  rollbackConfig: UpdatePolicy;
}

/** Swarm's own defaults (what a service without the setting does): `deploy:` parts left out take these. */
export const SWARM_DEFAULTS = {
  restartPolicy: { condition: 'any', delayNs: 5e9, maxAttempts: 0, windowNs: 0 } as Deploy['restartPolicy'],
  updatePolicy: { parallelism: 1, delayNs: 0, failureAction: 'pause', monitorNs: 5e9, maxFailureRatio: 0, order: 'stop-first' } as UpdatePolicy,
} as const;

/** Engine defaults, the values an omitted field takes (SPEC: "Omitted = the engine's default"). */
export const ENGINE_DEFAULTS = {
  shmSizeBytes: 64 * 1024 * 1024,
  ipc: 'private',
  restart: { name: 'no', maxRetries: 0 } as RestartPolicy,
  networkMode: 'bridge',
  state: 'running' as EnvStateName,
  runtime: 'runc',
} as const;
