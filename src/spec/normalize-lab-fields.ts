// Normalizes the lab fields of one environment (gpus, runtime, ulimits, devices, capabilities, stop, health, limits …)
// into their canonical values, with the checks that span several fields (memory_swap vs mem_limit, container: modes).
import type { CanonicalEnv, Mount } from '../fields/canonical-env.js';
import { ENGINE_DEFAULTS } from '../fields/canonical-env.js';
import type { DataPath } from './locate-node.js';
import { withoutImpliedLabel } from '../fields/values/implied-security-opt.js';
import { parseCapability } from '../fields/values/parse-capability.js';
import { parseDevice } from '../fields/values/parse-device.js';
import { parseDuration } from '../fields/values/parse-duration.js';
import { compareExposed, parseExpose } from '../fields/values/parse-expose.js';
import { parseGpus, type RawGpus } from '../fields/values/parse-gpus.js';
import { parseHealthcheck, type RawHealthcheck } from '../fields/values/parse-healthcheck.js';
import { sortedRecord } from '../base/sorted-record.js';
import type { Parsed } from '../fields/values/parse-result.js';
import { parseSize } from '../fields/values/parse-size.js';
import { parseTmpfs } from '../fields/values/parse-tmpfs.js';
import { parseUlimit } from '../fields/values/parse-ulimits.js';

interface Located {
  value: unknown;
  path: DataPath;
}

/** What normalize-spec lends this module: its field lookup and issue reporting. */
export interface LabFieldContext {
  /** The environment's value, else the default's; null when the value was already reported. */
  pick(field: string): Located | undefined | null;
  /** Defaults' then the environment's value, for maps that merge. */
  both(field: string): Located[];
  items(field: Located): Located[];
  keyValues(field: Located): { key: string; value: string | null; path: DataPath }[];
  report<T>(path: DataPath, parsed: Parsed<T>): T | undefined;
  issue(path: DataPath, message: string, hint?: string, atKey?: boolean): void;
}

/** The fields already normalized that the cross-field checks need. */
export interface BaseFields {
  mounts: Mount[];
  ipc: string;
  memLimitBytes: number;
  networkMode: string;
  ports: CanonicalEnv['ports'];
  hostname: string | null;
  dns: string[];
  extraHosts: string[];
  /** Where `network_mode` and `mem_limit` were written, for messages. */
  networkModePath: DataPath | null;
  memLimitPath: DataPath | null;
}

export type LabFields = Pick<
  CanonicalEnv,
  | 'gpus' | 'runtime' | 'ulimits' | 'devices' | 'capAdd' | 'capDrop' | 'privileged' | 'init' | 'stopSignal'
  | 'stopGracePeriodSeconds' | 'groupAdd' | 'securityOpt' | 'sysctls' | 'expose' | 'dnsSearch' | 'pidsLimit'
  | 'memSwapBytes' | 'healthcheck' | 'mounts'
>;

const sorted = (items: Iterable<string>): string[] => [...new Set(items)].sort();

export function normalizeLabFields(ctx: LabFieldContext, base: BaseFields): LabFields {
  const strings = (field: string, parse?: (text: string) => Parsed<string>): string[] => {
    const located = ctx.pick(field);
    if (!located) return [];
    const list = typeof located.value === 'string' ? [{ value: located.value, path: located.path }] : ctx.items(located);
    const out: string[] = [];
    for (const item of list) {
      if (item.value === null || item.value === undefined) continue;
      const text = String(item.value);
      const value = parse ? ctx.report(item.path, parse(text)) : text;
      if (value !== undefined) out.push(value);
    }
    return out;
  };
  const bool = (field: string): boolean => {
    const located = ctx.pick(field);
    return located ? located.value === true : false;
  };

  const gpusField = ctx.pick('gpus');
  const gpus = gpusField ? (ctx.report(gpusField.path, parseGpus(gpusField.value as RawGpus)) ?? []) : [];

  const runtimeField = ctx.pick('runtime');
  const runtime = runtimeField ? String(runtimeField.value).trim() || ENGINE_DEFAULTS.runtime : ENGINE_DEFAULTS.runtime;

  const ulimits: CanonicalEnv['ulimits'] = [];
  const ulimitsField = ctx.pick('ulimits');
  if (ulimitsField && typeof ulimitsField.value === 'object' && ulimitsField.value !== null) {
    for (const [name, raw] of Object.entries(ulimitsField.value as Record<string, number | { soft: number; hard: number }>)) {
      // At the key: the name (or the pair of limits under it) is what is wrong.
      const parsed = parseUlimit(name, raw);
      if (parsed.ok) ulimits.push(parsed.value);
      else ctx.issue([...ulimitsField.path, name], parsed.message, parsed.hint, true);
    }
  }
  ulimits.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const stopField = ctx.pick('stop_grace_period');
  let stopGracePeriodSeconds: number | null = null;
  if (stopField) {
    const ns = ctx.report(stopField.path, parseDuration(stopField.value as string | number));
    if (ns !== undefined && ns % 1e9 !== 0) {
      ctx.issue(stopField.path, `stop_grace_period must be whole seconds (the engine counts in seconds), found ${String(stopField.value)}`, 'e.g. "30s" or "1m30s"');
    } else if (ns !== undefined) stopGracePeriodSeconds = ns / 1e9;
  }

  const stopSignalField = ctx.pick('stop_signal');
  let stopSignal: string | null = null;
  if (stopSignalField) {
    const text = String(stopSignalField.value).trim();
    if (!/^(SIG)?[A-Z0-9+-]+$/i.test(text)) ctx.issue(stopSignalField.path, `"${text}" is not a signal`, 'e.g. SIGINT, SIGTERM or 15');
    else stopSignal = text;
  }

  const sysctls: Record<string, string> = {};
  for (const source of ctx.both('sysctls')) {
    for (const entry of ctx.keyValues(source)) {
      if (entry.value === null || entry.value === '') ctx.issue(entry.path, `sysctl \`${entry.key}\` has no value`, 'write key=value');
      else sysctls[entry.key] = entry.value;
    }
  }

  const published = new Set(base.ports.map((p) => `${p.target}/${p.protocol}`));
  const exposeField = ctx.pick('expose');
  const exposed = new Set<string>();
  if (exposeField) {
    for (const item of ctx.items(exposeField)) {
      for (const key of ctx.report(item.path, parseExpose(item.value as number | string)) ?? []) if (!published.has(key)) exposed.add(key);
    }
  }

  const healthField = ctx.pick('healthcheck');
  let healthcheck: CanonicalEnv['healthcheck'] = null;
  if (healthField) {
    const parsed = parseHealthcheck(healthField.value as RawHealthcheck);
    healthcheck = ctx.report(parsed.at === undefined ? healthField.path : [...healthField.path, parsed.at], parsed) ?? null;
  }

  const pidsField = ctx.pick('pids_limit');
  const pids = pidsField && typeof pidsField.value === 'number' ? pidsField.value : 0;

  const memSwapBytes = memorySwap(ctx, base);
  const mounts = withTmpfs(ctx, base.mounts);
  checkContainerNetwork(ctx, base, exposed.size > 0, strings('dns_search').length > 0);

  return {
    gpus,
    runtime,
    ulimits,
    devices: sorted(strings('devices', parseDevice)),
    capAdd: sorted(strings('cap_add', parseCapability)),
    capDrop: sorted(strings('cap_drop', parseCapability)),
    privileged: bool('privileged'),
    init: bool('init'),
    stopSignal,
    stopGracePeriodSeconds,
    groupAdd: sorted(strings('group_add')),
    // privileged and ipc: host imply label=disable (the engine adds it), so it is not the spec's own option then.
    securityOpt: withoutImpliedLabel(sorted(strings('security_opt')), bool('privileged') || base.ipc === 'host'),
    sysctls: sortedRecord(sysctls),
    expose: [...exposed].sort(compareExposed),
    dnsSearch: strings('dns_search'),
    pidsLimit: pids <= 0 ? 0 : pids,
    memSwapBytes,
    healthcheck,
    mounts,
  };
}

/** 0 when left to the engine; twice mem_limit IS the engine's default, so it is written as 0 too (one canonical form). */
function memorySwap(ctx: LabFieldContext, base: BaseFields): number {
  const field = ctx.pick('memory_swap');
  if (!field) return 0;
  const raw = field.value;
  const bytes = raw === -1 || raw === '-1' ? -1 : ctx.report(field.path, parseSize(raw as string | number));
  if (bytes === undefined) return 0;
  if (base.memLimitBytes === 0) {
    ctx.issue(field.path, 'memory_swap needs mem_limit: the engine limits memory + swap only when memory is limited', 'add mem_limit, or remove memory_swap');
    return 0;
  }
  if (bytes !== -1 && bytes < base.memLimitBytes) {
    ctx.issue(field.path, `memory_swap (memory + swap) must be at least mem_limit`, 'memory_swap = mem_limit means no swap; -1 means unlimited swap');
    return 0;
  }
  return bytes === 2 * base.memLimitBytes ? 0 : bytes;
}

/** Service-level `tmpfs:` adds tmpfs mounts next to `volumes:`; one path can be mounted once across both. */
function withTmpfs(ctx: LabFieldContext, mounts: Mount[]): Mount[] {
  const field = ctx.pick('tmpfs');
  if (!field) return mounts;
  const out = [...mounts];
  const list = typeof field.value === 'string' ? [{ value: field.value, path: field.path }] : ctx.items(field);
  for (const item of list) {
    const mount = ctx.report(item.path, parseTmpfs(String(item.value)));
    if (!mount) continue;
    const target = mount.target.length > 1 ? mount.target.replace(/\/+$/, '') : mount.target;
    if (out.some((m) => m.target === target)) {
      ctx.issue(item.path, `${target} is already mounted (under volumes or tmpfs)`, 'each container path can be mounted once');
      continue;
    }
    out.push({ ...mount, target });
  }
  return out.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

/** `network_mode: container:X` shares X's network stack: the engine refuses settings that belong to a stack. */
function checkContainerNetwork(ctx: LabFieldContext, base: BaseFields, exposes: boolean, dnsSearch: boolean): void {
  if (!base.networkMode.startsWith('container:') || base.networkModePath === null) return;
  const clashes = [
    base.ports.length > 0 && 'ports',
    exposes && 'expose',
    base.hostname !== null && 'hostname',
    base.dns.length > 0 && 'dns',
    dnsSearch && 'dns_search',
    base.extraHosts.length > 0 && 'extra_hosts',
  ].filter((f): f is string => typeof f === 'string');
  if (clashes.length > 0) {
    ctx.issue(
      base.networkModePath,
      `network_mode ${base.networkMode} shares that container's network, so ${clashes.join(', ')} cannot be set here`,
      `set ${clashes.join(', ')} on the container whose network is shared`,
    );
  }
}
