// Reads a container's inspect JSON back as a canonical environment: the inverse of toCreateOptions.
import {
  ENGINE_DEFAULTS,
  type CanonicalEnv,
  type EnvStateName,
  type Mount,
  type PortBinding,
  type Protocol,
  type RestartName,
} from '../fields/canonical-env.js';
import type { ContainerStatus, ObservedContainer } from './engine.js';
import type { InheritedDefaults } from '../fields/inherited-defaults.js';
import { isEnvctlLabel, readEnvctlLabels } from './labels.js';
import { withDefaultTag } from '../fields/values/normalize-image-ref.js';
import { observeJoinedModes, observeLabFields, type LabInspectJson } from './observe-lab-fields.js';
import { isSshPort, observeSsh } from '../fields/ssh/ssh-create-options.js';
import { SSH_HOSTKEYS_DIR } from '../fields/ssh/ssh-settings.js';
import { decodeCarried, LABEL_CARRIED_VOLUMES, observeAnonymousVolumes } from '../fields/anonymous-volumes.js';
import { observeEnginePaths, type EnginePathsInspect } from './observe-engine-paths.js';

/** The parts of GET /containers/{id}/json that observe reads; everything optional because hand-made containers vary. */
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
    ExtraHosts?: string[] | null;
    Memory?: number;
    NanoCpus?: number;
    CpuQuota?: number;
    CpuPeriod?: number;
    CpusetCpus?: string;
  } | null;
  Mounts?: { Type?: string; Name?: string; Destination?: string; RW?: boolean }[] | null;
}

const STATUSES: readonly ContainerStatus[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];
const RESTART_NAMES: readonly RestartName[] = ['no', 'always', 'unless-stopped', 'on-failure'];
const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'sctp'];

function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order normalize uses: target, protocol, host IP, then published (ephemeral first). */
export function comparePorts(a: PortBinding, b: PortBinding): number {
  return (
    a.target - b.target ||
    byString(a.protocol, b.protocol) ||
    byString(a.hostIp, b.hostIp) ||
    (a.published ?? -1) - (b.published ?? -1)
  );
}

export function compareMounts(a: Mount, b: Mount): number {
  return byString(a.target, b.target);
}

function sortedRecord(entries: Iterable<[string, string]>): Record<string, string> {
  return Object.fromEntries([...entries].sort(([a], [b]) => byString(a, b)));
}

/** Docker size strings as tmpfs takes them ("1m", "65536", "2g"); null when not expressible in bytes (e.g. "50%"). */
export function parseTmpfsSize(options: string): number | null {
  for (const opt of options.split(',')) {
    const m = /^size=(\d+)([kmgt]?)$/i.exec(opt.trim());
    if (m) {
      const unit = (m[2] ?? '').toLowerCase();
      const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : unit === 't' ? 1024 ** 4 : 1;
      return Number(m[1]) * mult;
    }
  }
  return null;
}

function observePorts(bindings: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null | undefined): PortBinding[] {
  const out: PortBinding[] = [];
  for (const [key, list] of Object.entries(bindings ?? {})) {
    const [portText, protoText = 'tcp'] = key.split('/');
    const protocol = (PROTOCOLS as readonly string[]).includes(protoText) ? (protoText as Protocol) : 'tcp';
    for (const b of list ?? []) {
      const hostPort = b.HostPort ?? '';
      out.push({
        target: Number(portText),
        published: hostPort === '' ? null : Number(hostPort),
        hostIp: b.HostIp === undefined || b.HostIp === '' ? '0.0.0.0' : b.HostIp,
        protocol,
      });
    }
  }
  return out.sort(comparePorts);
}

/** "src:dst[:opts]"; a source without a leading slash is a named volume, as the engine decides it. */
function parseBind(bind: string): Mount | null {
  const parts = bind.split(':');
  if (parts.length < 2) return null;
  const [source = '', target = '', opts = ''] = parts;
  const readOnly = opts.split(',').includes('ro');
  return source.startsWith('/') ? { type: 'bind', source, target, readOnly } : { type: 'volume', source, target, readOnly };
}

function observeMounts(inspect: ContainerInspectJson, inherited: InheritedDefaults | null): Mount[] {
  const host = inspect.HostConfig ?? {};
  const mounts: Mount[] = [];
  for (const bind of host.Binds ?? []) {
    const m = parseBind(bind);
    if (m) mounts.push(m);
  }
  // `docker run --mount …` lands here rather than in Binds; so do the anonymous volumes envctl carried over, which
  // are not the spec's.
  const carried = decodeCarried(inspect.Config?.Labels?.[LABEL_CARRIED_VOLUMES]);
  for (const m of host.Mounts ?? []) {
    const target = m.Target ?? '';
    if (carried.has(target)) continue;
    if (m.Type === 'bind' || m.Type === 'volume') {
      mounts.push({ type: m.Type, source: m.Source ?? '', target, readOnly: m.ReadOnly === true });
    } else if (m.Type === 'tmpfs') {
      const size = m.TmpfsOptions?.SizeBytes;
      mounts.push({ type: 'tmpfs', target, sizeBytes: size === undefined || size === 0 ? null : size });
    }
  }
  for (const [target, options] of Object.entries(host.Tmpfs ?? {})) {
    mounts.push({ type: 'tmpfs', target, sizeBytes: parseTmpfsSize(options) });
  }
  // Anonymous volumes (`-v /path`, or an image VOLUME the spec did not cover and envctl did not record).
  const covered = new Set(mounts.map((m) => m.target));
  const fromImage = new Set(inherited?.volumes ?? []);
  for (const target of Object.keys(inspect.Config?.Volumes ?? {})) {
    if (covered.has(target) || fromImage.has(target)) continue;
    const live = (inspect.Mounts ?? []).find((m) => m.Destination === target);
    mounts.push({ type: 'volume', source: live?.Name ?? '', target, readOnly: live?.RW === false });
  }
  return mounts.sort(compareMounts);
}

function observeEnvironment(env: string[] | null | undefined, inherited: InheritedDefaults | null): Record<string, string> {
  const drop = new Set(inherited?.env ?? []);
  const entries: [string, string][] = [];
  for (const entry of env ?? []) {
    const eq = entry.indexOf('=');
    const key = eq === -1 ? entry : entry.slice(0, eq);
    if (drop.has(key)) continue;
    entries.push([key, eq === -1 ? '' : entry.slice(eq + 1)]);
  }
  return sortedRecord(entries);
}

function observeLabels(labels: Record<string, string> | null | undefined, inherited: InheritedDefaults | null): Record<string, string> {
  const drop = new Set(inherited?.labels ?? []);
  return sortedRecord(Object.entries(labels ?? {}).filter(([k]) => !isEnvctlLabel(k) && !drop.has(k)));
}

function observeRestart(policy: { Name?: string; MaximumRetryCount?: number } | null | undefined): CanonicalEnv['restart'] {
  const raw = policy?.Name ?? '';
  const name: RestartName = (RESTART_NAMES as readonly string[]).includes(raw) ? (raw as RestartName) : 'no';
  return { name, maxRetries: name === 'on-failure' ? (policy?.MaximumRetryCount ?? 0) : 0 };
}

function observeCpus(host: NonNullable<ContainerInspectJson['HostConfig']>): number {
  if (host.NanoCpus) return host.NanoCpus / 1e9;
  // `docker run --cpu-quota` (the older way to say --cpus) with the kernel's default period of 100ms.
  if (host.CpuQuota && host.CpuQuota > 0) return host.CpuQuota / (host.CpuPeriod || 100_000);
  return 0;
}

export function toContainerStatus(raw: string | undefined): ContainerStatus {
  return (STATUSES as readonly string[]).includes(raw ?? '') ? (raw as ContainerStatus) : 'created';
}

export function toEnvState(status: ContainerStatus): EnvStateName {
  if (status === 'running' || status === 'restarting') return 'running';
  if (status === 'paused') return 'paused';
  return 'stopped';
}

/** Pure: inspect JSON → the container as envctl sees it. */
export function observeContainer(inspect: ContainerInspectJson): ObservedContainer {
  const config = inspect.Config ?? {};
  const host = inspect.HostConfig ?? {};
  const own = readEnvctlLabels(config.Labels);
  const inh = own.inherited;
  const name = (inspect.Name ?? '').replace(/^\//, '');
  const status = toContainerStatus(inspect.State?.Status);
  const hostnameIsDefault = inh ? inh.hostname === true : config.Hostname === inspect.Id.slice(0, 12);
  // With ssh, the wrapper is the entrypoint and 22/tcp plus the host key volume are envctl's: read them as `ssh`.
  const ports = observePorts(host.PortBindings);
  const ssh = observeSsh(config.Labels, ports);
  const env: CanonicalEnv = {
    project: own.project ?? '',
    name: own.envName ?? name,
    containerName: name,
    image: withDefaultTag(config.Image ?? ''),
    command: ssh ? ssh.cmd : inh?.cmd ? null : (config.Cmd ?? null),
    entrypoint: ssh ? ssh.entrypoint : inh?.entrypoint ? null : (config.Entrypoint ?? null),
    environment: observeEnvironment(config.Env, inh),
    workingDir: inh?.workingDir || !config.WorkingDir ? null : config.WorkingDir,
    user: ssh ? ssh.user : inh?.user || !config.User ? null : config.User,
    hostname: hostnameIsDefault || !config.Hostname ? null : config.Hostname,
    ports: ssh ? ports.filter((p) => !isSshPort(p)) : ports,
    mounts: ssh ? observeMounts(inspect, inh).filter((m) => m.target !== SSH_HOSTKEYS_DIR) : observeMounts(inspect, inh),
    shmSizeBytes: host.ShmSize || ENGINE_DEFAULTS.shmSizeBytes,
    ipc: host.IpcMode || ENGINE_DEFAULTS.ipc,
    restart: observeRestart(host.RestartPolicy),
    labels: observeLabels(config.Labels, inh),
    state: toEnvState(status),
    tty: config.Tty === true,
    stdinOpen: config.OpenStdin === true,
    networkMode: !host.NetworkMode || host.NetworkMode === 'default' ? ENGINE_DEFAULTS.networkMode : host.NetworkMode,
    dns: [...(host.Dns ?? [])],
    extraHosts: [...(host.ExtraHosts ?? [])].sort(byString),
    memLimitBytes: host.Memory ?? 0,
    cpus: observeCpus(host),
    cpuset: host.CpusetCpus ?? '',
    ssh: ssh?.config ?? null,
    ...observeLabFields(inspect as LabInspectJson, inh),
  };
  Object.assign(env, observeJoinedModes(inspect as LabInspectJson, env.ipc, env.networkMode));
  return {
    id: inspect.Id,
    name,
    status,
    project: own.project,
    envName: own.envName,
    specHash: own.specHash,
    createdAt: inspect.Created ?? '',
    exitCode: inspect.State?.ExitCode ?? 0,
    error: inspect.State?.Error ?? '',
    config: env,
    imageId: inspect.Image ?? '',
    anonymousVolumes: observeAnonymousVolumes(inspect.Mounts, env.mounts),
    enginePaths: observeEnginePaths(inspect as EnginePathsInspect),
  };
}
