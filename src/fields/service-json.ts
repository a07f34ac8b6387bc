// The Docker Engine API's Swarm JSON (API 1.41) as envctl writes it (a service spec) and reads it (service inspect,
// tasks, nodes): envctl's own types, so fields map onto a service without knowing dockerode. On the read side the
// engine leaves out what is empty or zero (`TTY: false`, `Env: []`, `Delay: 0`), so observe reads absent as zero.

export interface ServiceMountJson {
  Type: 'bind' | 'volume' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  VolumeOptions?: { Labels?: Record<string, string>; DriverConfig?: { Name?: string; Options?: Record<string, string> } };
  TmpfsOptions?: { SizeBytes?: number };
}

export interface ServiceHealthcheckJson {
  Test?: string[];
  Interval?: number;
  Timeout?: number;
  StartPeriod?: number;
  Retries?: number;
}

/** TaskTemplate.ContainerSpec: what every task's container is made of. */
export interface ContainerSpecJson {
  Image: string;
  Labels?: Record<string, string>;
  /** The entrypoint (docker run's --entrypoint), unlike a container's Cmd. */
  Command?: string[];
  /** The command (what follows the image on a docker run line). */
  Args?: string[];
  Hostname?: string;
  Env?: string[];
  Dir?: string;
  User?: string;
  Groups?: string[];
  TTY?: boolean;
  OpenStdin?: boolean;
  ReadOnly?: boolean;
  Mounts?: ServiceMountJson[];
  StopSignal?: string;
  /** Nanoseconds. */
  StopGracePeriod?: number;
  /** "Healthcheck" as the engine writes it (the API reference says HealthCheck; the engine reads either). */
  Healthcheck?: ServiceHealthcheckJson;
  /** "IP host" lines, as /etc/hosts has them. */
  Hosts?: string[];
  DNSConfig?: { Nameservers?: string[]; Search?: string[]; Options?: string[] };
  Init?: boolean;
  Sysctls?: Record<string, string>;
  CapabilityAdd?: string[];
  CapabilityDrop?: string[];
  Ulimits?: { Name: string; Soft: number; Hard: number }[];
}

export interface GenericResourceJson {
  DiscreteResourceSpec?: { Kind: string; Value: number };
  NamedResourceSpec?: { Kind: string; Value: string };
}

export interface ResourcesJson {
  NanoCPUs?: number;
  MemoryBytes?: number;
  Pids?: number;
}

export interface UpdateConfigJson {
  Parallelism?: number;
  Delay?: number;
  FailureAction?: string;
  Monitor?: number;
  MaxFailureRatio?: number;
  Order?: string;
}

export interface ServicePortJson {
  Protocol?: 'tcp' | 'udp' | 'sctp';
  TargetPort: number;
  /** Absent: the engine picks one (ingress: from 30000 up; host: an ephemeral port per task). */
  PublishedPort?: number;
  PublishMode?: 'ingress' | 'host';
}

/** POST /services/create and /services/{id}/update, and `Spec` of an inspect. */
export interface ServiceSpecJson {
  Name: string;
  Labels: Record<string, string>;
  TaskTemplate: {
    ContainerSpec: ContainerSpecJson;
    Resources?: { Limits?: ResourcesJson; Reservations?: ResourcesJson & { GenericResources?: GenericResourceJson[] } };
    RestartPolicy?: { Condition?: string; Delay?: number; MaxAttempts?: number; Window?: number };
    Placement?: { Constraints?: string[]; Preferences?: { Spread?: { SpreadDescriptor?: string } }[]; MaxReplicas?: number };
    /** Target: a network name or id (the engine stores the id). */
    Networks?: { Target: string; Aliases?: string[] }[];
    ForceUpdate?: number;
  };
  Mode: { Replicated?: { Replicas?: number }; Global?: Record<string, never> };
  UpdateConfig?: UpdateConfigJson;
  RollbackConfig?: UpdateConfigJson;
  EndpointSpec?: { Mode?: 'vip' | 'dnsrr'; Ports?: ServicePortJson[] };
}

/** How a rolling update went: `updating`, `paused` (failure_action pause), `rollback_*` (rollback). */
export interface UpdateStatusJson {
  State?: 'updating' | 'paused' | 'completed' | 'rollback_started' | 'rollback_paused' | 'rollback_completed';
  StartedAt?: string;
  CompletedAt?: string;
  Message?: string;
}

/** GET /services (with status=true) and /services/{id}. */
export interface ServiceInspectJson {
  ID: string;
  Version?: { Index?: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: Partial<ServiceSpecJson>;
  UpdateStatus?: UpdateStatusJson | null;
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number } | null;
}

/** GET /tasks: one replica (or a node's task of a global service) at one point of its life. */
export interface TaskJson {
  ID: string;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  DesiredState?: string;
  /** The task template it was made from: equal to the service's current one once the task is up to date. */
  Spec?: unknown;
  Status?: {
    Timestamp?: string;
    State?: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string; ExitCode?: number };
  };
}

/** GET /nodes. */
export interface NodeJson {
  ID: string;
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string> };
  Description?: { Hostname?: string };
  Status?: { State?: string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string } | null;
}
