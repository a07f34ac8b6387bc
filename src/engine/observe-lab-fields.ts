// Reads the lab fields (GPUs, runtime, ulimits, devices, capabilities, stop, health, limits …) back from inspect JSON:
// the inverse of lab-host-config.ts and the lab parts of toCreateOptions.
import { ENGINE_DEFAULTS, type CanonicalEnv, type GpuRequest, type Healthcheck } from '../fields/canonical-env.js';
import { withoutImpliedLabel } from '../fields/values/implied-security-opt.js';
import { compareExposed } from '../fields/values/parse-expose.js';
import type { InheritedDefaults } from '../fields/inherited-defaults.js';
import { decodeNamespaces, LABEL_NAMESPACES, nameJoinedMode } from '../fields/namespace-label.js';

/** The parts of GET /containers/{id}/json that only the lab fields read. */
export interface LabInspectJson {
  Config?: {
    Labels?: Record<string, string> | null;
    StopSignal?: string;
    StopTimeout?: number | null;
    ExposedPorts?: Record<string, unknown> | null;
    Healthcheck?: { Test?: string[] | null; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number } | null;
  } | null;
  HostConfig?: {
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
    DnsSearch?: string[] | null;
    PidsLimit?: number | null;
    Memory?: number;
    MemorySwap?: number;
    PortBindings?: Record<string, unknown> | null;
    IpcMode?: string;
    NetworkMode?: string;
  } | null;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sortedList = (items: string[] | null | undefined): string[] => [...(items ?? [])].sort(byString);

export type ObservedLabFields = Pick<CanonicalEnv, 'gpus' | 'runtime' | 'ulimits' | 'devices' | 'capAdd' | 'capDrop' | 'privileged' | 'init' | 'stopSignal' | 'stopGracePeriodSeconds' | 'groupAdd' | 'securityOpt' | 'sysctls' | 'expose' | 'dnsSearch' | 'pidsLimit' | 'memSwapBytes' | 'healthcheck'>;

function observeGpus(requests: NonNullable<LabInspectJson['HostConfig']>['DeviceRequests']): GpuRequest[] {
  return (requests ?? []).map((r) => ({
    driver: r.Driver ?? '',
    count: r.Count ?? 0,
    deviceIds: [...(r.DeviceIDs ?? [])],
    // envctl sends one AND-set; a hand-made request with several alternatives is read as its first.
    capabilities: sortedList(r.Capabilities?.[0]),
  }));
}

function observeHealthcheck(raw: NonNullable<LabInspectJson['Config']>['Healthcheck'], inherited: InheritedDefaults | null): Healthcheck | null {
  const parts = new Set(inherited?.healthcheck ?? []);
  if (!raw || parts.has('all')) return null;
  return {
    test: parts.has('test') ? [] : [...(raw.Test ?? [])],
    intervalNs: parts.has('interval') ? 0 : (raw.Interval ?? 0),
    timeoutNs: parts.has('timeout') ? 0 : (raw.Timeout ?? 0),
    startPeriodNs: parts.has('startPeriod') ? 0 : (raw.StartPeriod ?? 0),
    retries: parts.has('retries') ? 0 : (raw.Retries ?? 0),
  };
}


/** The engine stores twice the memory limit when swap was left out: that is the canonical 0. */
function observeMemSwap(memory: number, swap: number): number {
  if (swap === 0 || (memory > 0 && swap === 2 * memory)) return 0;
  return swap;
}

export function observeLabFields(inspect: LabInspectJson, inherited: InheritedDefaults | null): ObservedLabFields {
  const config = inspect.Config ?? {};
  const host = inspect.HostConfig ?? {};
  const published = new Set(Object.keys(host.PortBindings ?? {}));
  const fromImage = new Set(inherited?.expose ?? []);
  const expose = Object.keys(config.ExposedPorts ?? {})
    .filter((k) => !published.has(k) && !fromImage.has(k))
    .sort(compareExposed);
  return {
    gpus: observeGpus(host.DeviceRequests),
    runtime: host.Runtime || ENGINE_DEFAULTS.runtime,
    ulimits: (host.Ulimits ?? [])
      .map((u) => ({ name: u.Name ?? '', soft: u.Soft ?? 0, hard: u.Hard ?? 0 }))
      .sort((a, b) => byString(a.name, b.name)),
    devices: (host.Devices ?? []).map((d) => `${d.PathOnHost ?? ''}:${d.PathInContainer ?? ''}:${d.CgroupPermissions ?? ''}`).sort(byString),
    capAdd: sortedList(host.CapAdd),
    capDrop: sortedList(host.CapDrop),
    privileged: host.Privileged === true,
    init: host.Init === true,
    stopSignal: inherited?.stopSignal || !config.StopSignal ? null : config.StopSignal,
    stopGracePeriodSeconds: config.StopTimeout ?? null,
    groupAdd: sortedList(host.GroupAdd),
    securityOpt: withoutImpliedLabel(sortedList(host.SecurityOpt), host.Privileged === true || host.IpcMode === 'host'),
    sysctls: Object.fromEntries(Object.entries(host.Sysctls ?? {}).sort(([a], [b]) => byString(a, b))),
    expose,
    dnsSearch: [...(host.DnsSearch ?? [])],
    pidsLimit: host.PidsLimit && host.PidsLimit > 0 ? host.PidsLimit : 0,
    memSwapBytes: observeMemSwap(host.Memory ?? 0, host.MemorySwap ?? 0),
    healthcheck: observeHealthcheck(config.Healthcheck, inherited),
  };
}

/** ipc and network mode with `container:<id>` named back as the spec wrote them. */
export function observeJoinedModes(inspect: LabInspectJson, ipc: string, networkMode: string): { ipc: string; networkMode: string } {
  const joined = decodeNamespaces(inspect.Config?.Labels?.[LABEL_NAMESPACES]);
  return { ipc: nameJoinedMode(ipc, joined.ipc), networkMode: nameJoinedMode(networkMode, joined.network) };
}
