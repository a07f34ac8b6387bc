// The canonical environment: what the spec normalizes to AND what observe reads back from the engine (same type).
import type { EnvPolicy } from './env-policy.js';

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

/**
 * Every field envctl manages, with engine defaults filled in, so that Desired and Actual compare with `===`-like
 * equality. Lists that the engine treats as sets are sorted; maps are plain objects with sorted keys.
 * `null` for command/entrypoint/workingDir/user/hostname means "the image's default".
 */
export interface CanonicalEnv {
  project: string;
  /** The key under `environments:`. */
  name: string;
  containerName: string;
  /** Fully qualified enough to compare: a tag is always present unless pinned by digest. */
  image: string;
  command: string[] | null;
  entrypoint: string[] | null;
  environment: Record<string, string>;
  workingDir: string | null;
  user: string | null;
  hostname: string | null;
  ports: PortBinding[];
  mounts: Mount[];
  shmSizeBytes: number;
  ipc: string;
  restart: RestartPolicy;
  /** User labels only (dev.envctl.* excluded). */
  labels: Record<string, string>;
  state: EnvStateName;
  tty: boolean;
  stdinOpen: boolean;
  networkMode: string;
  dns: string[];
  extraHosts: string[];
  /** Bytes; 0 = unlimited. */
  memLimitBytes: number;
  /** Number of CPUs (NanoCpus / 1e9); 0 = unlimited. */
  cpus: number;
  /** '' = any CPU. */
  cpuset: string;
}

/** A named volume envctl manages. */
export interface CanonicalVolume {
  name: string;
  driver: string;
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
  /** Declared under top-level `volumes:` (true) or only used by an environment (false). */
  declared: boolean;
}

export interface DesiredState {
  project: string;
  /** Absolute path of the spec file. */
  specFile: string;
  environments: CanonicalEnv[];
  volumes: CanonicalVolume[];
  /** Data-safety policy per environment name (on_recreate, ignore_changes); absent = refuse, nothing extra ignored. */
  policies?: Record<string, EnvPolicy>;
}

/** Engine defaults, the values an omitted field takes (SPEC: "Omitted = the engine's default"). */
export const ENGINE_DEFAULTS = {
  shmSizeBytes: 64 * 1024 * 1024,
  ipc: 'private',
  restart: { name: 'no', maxRetries: 0 } as RestartPolicy,
  networkMode: 'bridge',
  state: 'running' as EnvStateName,
} as const;
