// The Docker Engine API's container JSON as envctl writes it (the create body) and reads it (inspect): envctl's own
// types, so fields can map onto them without knowing dockerode. Everything optional on the inspect side: containers
// made by hand vary.
import type { Healthcheck } from './canonical-env.js';

export interface PortBindingJson {
  HostIp: string;
  HostPort: string;
}

export interface HealthcheckJson {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  Retries?: number;
}

export interface MountJson {
  Type: 'bind' | 'volume' | 'tmpfs';
  Source: string;
  Target: string;
  ReadOnly?: boolean;
}

/** POST /containers/create, the parts envctl sends. */
export interface ContainerCreateBody {
  Image: string;
  Env: string[];
  Labels: Record<string, string>;
  Tty?: boolean;
  OpenStdin?: boolean;
  ExposedPorts: Record<string, Record<string, never>>;
  Cmd?: string[];
  Entrypoint?: string[];
  WorkingDir?: string;
  User?: string;
  Hostname?: string;
  StopSignal?: string;
  StopTimeout?: number;
  Healthcheck?: HealthcheckJson;
  HostConfig: {
    PortBindings: Record<string, PortBindingJson[]>;
    Binds: string[];
    Tmpfs: Record<string, string>;
    Mounts?: MountJson[];
    ShmSize?: number;
    IpcMode?: string;
    RestartPolicy?: { Name: string; MaximumRetryCount: number };
    NetworkMode?: string;
    Dns?: string[];
    DnsSearch?: string[];
    ExtraHosts?: string[];
    Memory?: number;
    MemorySwap?: number;
    NanoCpus?: number;
    CpusetCpus?: string;
    PidsLimit?: number;
    DeviceRequests?: { Driver: string; Count: number; DeviceIDs: string[]; Capabilities: string[][]; Options: Record<string, string> }[];
    Runtime?: string;
    Ulimits?: { Name: string; Soft: number; Hard: number }[];
    Devices?: { PathOnHost: string; PathInContainer: string; CgroupPermissions: string }[];
    CapAdd?: string[];
    CapDrop?: string[];
    Privileged?: boolean;
    Init?: boolean;
    GroupAdd?: string[];
    SecurityOpt?: string[];
    Sysctls?: Record<string, string>;
    ReadonlyRootfs?: boolean;
  };
}

/** GET /containers/{id}/json, the parts envctl reads. */
export interface ContainerInspectJson {
  Id: string;
  Name?: string;
  Created?: string;
  /** The image id the container was created from. */
  Image?: string;
  State?: { Status?: string; ExitCode?: number; Error?: string } | null;
  Config?: {
    Hostname?: string;
    User?: string;
    Env?: string[] | null;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Image?: string;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
    Volumes?: Record<string, unknown> | null;
    Tty?: boolean;
    OpenStdin?: boolean;
    StopSignal?: string;
    StopTimeout?: number | null;
    ExposedPorts?: Record<string, unknown> | null;
    Healthcheck?: (Omit<HealthcheckJson, 'Test'> & { Test?: string[] | null }) | null;
  } | null;
  HostConfig?: {
    Binds?: string[] | null;
    Mounts?: { Type?: string; Source?: string; Target?: string; ReadOnly?: boolean; TmpfsOptions?: { SizeBytes?: number } | null }[] | null;
    Tmpfs?: Record<string, string> | null;
    PortBindings?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null;
    ShmSize?: number;
    IpcMode?: string;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number } | null;
    NetworkMode?: string;
    Dns?: string[] | null;
    DnsSearch?: string[] | null;
    ExtraHosts?: string[] | null;
    Memory?: number;
    MemorySwap?: number;
    NanoCpus?: number;
    CpuQuota?: number;
    CpuPeriod?: number;
    CpusetCpus?: string;
    PidsLimit?: number | null;
    DeviceRequests?: { Driver?: string; Count?: number; DeviceIDs?: string[] | null; Capabilities?: string[][] | null }[] | null;
    Runtime?: string;
    Ulimits?: { Name?: string; Soft?: number; Hard?: number }[] | null;
    Devices?: { PathOnHost?: string; PathInContainer?: string; CgroupPermissions?: string }[] | null;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    Privileged?: boolean;
    Init?: boolean | null;
    GroupAdd?: string[] | null;
    SecurityOpt?: string[] | null;
    Sysctls?: Record<string, string> | null;
    ReadonlyRootfs?: boolean;
  } | null;
  Mounts?: { Type?: string; Name?: string; Source?: string; Destination?: string; RW?: boolean }[] | null;
}

/** What an image sets that a container takes over when its spec leaves a field out (GET /images/{ref}/json). */
export interface ImageDefaults {
  env: string[];
  cmd: string[] | null;
  entrypoint: string[] | null;
  workingDir: string;
  user: string;
  labels: Record<string, string>;
  /** Paths declared with VOLUME. */
  volumes: string[];
  /** STOPSIGNAL; '' or absent = none. */
  stopSignal?: string;
  /** EXPOSE keys ("80/tcp"). */
  exposedPorts?: string[];
  /** HEALTHCHECK; absent = none. */
  healthcheck?: Healthcheck | null;
}
