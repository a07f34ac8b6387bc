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




/** Engine defaults, the values an omitted field takes (SPEC: "Omitted = the engine's default"). */
export const ENGINE_DEFAULTS = {
  shmSizeBytes: 64 * 1024 * 1024,
  ipc: 'private',
  restart: { name: 'no', maxRetries: 0 } as RestartPolicy,
  networkMode: 'bridge',
  state: 'running' as EnvStateName,
  runtime: 'runc',
} as const;
