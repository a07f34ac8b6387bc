// What a shared server's policy reads of a field: the settings that give a container the host (hazards), the amounts
// a policy caps (GPUs, memory, CPUs), published host IPs, bind sources, images. Fields declare these; features/policy
// walks the table, so no second list of field names exists.

export type HazardKind = 'privileged' | 'docker-socket' | 'host-path' | 'host-network' | 'host-ipc' | 'capability' | 'ptrace' | 'device' | 'unconfined';

/** A setting that weakens the wall between container and host, and the spec key it is written under. */
export interface Hazard {
  kind: HazardKind;
  /** What the spec asks for, for a person ("bind mount of /var/run/docker.sock"). */
  what: string;
  key: string;
}

/** What each kind gives the container, for the plan's "! dangerous: … — …" line. */
export const HAZARD_EFFECT: Record<HazardKind, string> = {
  privileged: 'gives the container the host',
  'docker-socket': 'gives the container the host (the engine runs anything as root)',
  'host-path': "gives the container the host's own files",
  'host-network': "puts the container on the host's network (every interface, every port)",
  'host-ipc': "shares the host's shared memory and semaphores",
  capability: 'gives the container power over the host kernel',
  ptrace: "lets the container trace its own processes (the host's too if it shared their pid namespace)",
  device: 'gives the container a host device',
  unconfined: 'turns off a kernel confinement of the container',
};

/**
 * Refused unless allowed (--allow-dangerous or a policy). Two kinds are only marked: `ipc: host` (lab users run
 * PyTorch with it routinely; it exposes the host's shared memory and semaphores, not control of the host — CIS Docker
 * 5.17 rates it medium) and cap_add SYS_PTRACE (py-spy/gdb; envctl has no `pid: host`, so it reaches only the
 * container's own processes). A policy can still forbid the `ipc` or `cap_add` field.
 */
export const REFUSED_BY_DEFAULT: ReadonlySet<HazardKind> = new Set<HazardKind>(['privileged', 'docker-socket', 'host-path', 'host-network', 'capability', 'device', 'unconfined']);

export type Quantity = 'gpus' | 'memory' | 'cpus';

/** A value a policy reads, and the spec key it is written under. */
export interface KeyedValue<T> {
  value: T;
  key: string;
}

export interface FieldPolicy<V> {
  hazards?(value: V): Hazard[];
  /** How much of a capped resource the value asks for: Infinity = no limit / every GPU. */
  amount?: { quantity: Quantity; key: string; of(value: V): number };
  /** The host IPs the value publishes ports on. */
  hostIps?(value: V): KeyedValue<string>[];
  /** Bind-mount sources on the host. */
  bindSources?(value: V): KeyedValue<string>[];
  /** Images the container runs. */
  images?(value: V): KeyedValue<string>[];
}
