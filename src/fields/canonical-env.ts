// The canonical environment: what the spec normalizes to AND what observe reads back from the engine (same type).
import type { EnvPolicy } from '../spec/env-policy.js';
import type { ImageSource } from '../spec/image-source.js';
import type { SshConfig } from '../features/ssh/ssh-settings.js';

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
  // ---- lab fields (issue 3) ----
  /** HostConfig.DeviceRequests; [] = no GPU. A spec makes at most one request. */
  gpus: GpuRequest[];
  /** Container runtime; 'runc' is the engine's default. */
  runtime: string;
  /** Sorted by name. */
  ulimits: Ulimit[];
  /** "host:container:permissions", sorted. */
  devices: string[];
  /** Capability names as the engine stores them ("CAP_SYS_PTRACE", or "ALL"), sorted. */
  capAdd: string[];
  capDrop: string[];
  privileged: boolean;
  init: boolean;
  /** null = the image's (or the engine's SIGTERM). */
  stopSignal: string | null;
  /** Whole seconds; null = the engine's default (10s). */
  stopGracePeriodSeconds: number | null;
  /** Sorted. */
  groupAdd: string[];
  /** Sorted. */
  securityOpt: string[];
  /** Sorted keys. */
  sysctls: Record<string, string>;
  /** Exposed but not published ports, "7000/tcp", sorted by port then protocol; published ports are not repeated. */
  expose: string[];
  /** Order matters (search order), so a list, not a set. */
  dnsSearch: string[];
  /** 0 = unlimited. */
  pidsLimit: number;
  /** Bytes of memory + swap; 0 = the engine's default (twice mem_limit), -1 = unlimited swap. */
  memSwapBytes: number;
  /** null = the image's health check (or none). */
  healthcheck: Healthcheck | null;
  // ---- ssh (issue 4) ----
  /** A key-only sshd envctl adds (src/features/ssh); null = none. */
  ssh: SshConfig | null;
}

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
  /** Where each environment's image comes from (pull_policy, build:); absent = pull when missing. */
  imageSources?: Record<string, ImageSource>;
  /** Top-level `hosts:`: engine name → its DOCKER_HOST address. Absent = every environment on the default engine. */
  hosts?: Record<string, string>;
  /** Env name → the `hosts:` entry it runs on; an env not listed runs on the default engine (DOCKER_HOST or local). */
  envHosts?: Record<string, string>;
}

/** The named volumes an environment mounts, each once, sorted. */
export function namedVolumes(env: Pick<CanonicalEnv, 'mounts'>): string[] {
  return [...new Set(env.mounts.flatMap((m) => (m.type === 'volume' ? [m.source] : [])))].sort();
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
