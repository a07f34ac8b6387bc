// Human renderings of canonical values for plan text (sizes, ports, mounts, GPUs, limits, health checks);
// environment values are deliberately never rendered.
import type { GpuRequest, Healthcheck, Mount, PortBinding, RestartPolicy, Ulimit } from '../canonical-env.js';
import { formatDuration } from '../values/parse-duration.js';

const KIB = 1024;
const MIB = KIB * 1024;
const GIB = MIB * 1024;

/** Bytes as a docker size string, using the largest unit that divides exactly (67108864 → "64m"). */
export function formatSize(bytes: number): string {
  if (bytes !== 0 && bytes % GIB === 0) return `${bytes / GIB}g`;
  if (bytes !== 0 && bytes % MIB === 0) return `${bytes / MIB}m`;
  if (bytes !== 0 && bytes % KIB === 0) return `${bytes / KIB}k`;
  return `${bytes}b`;
}

/** mem_limit: 0 means no limit, which a user reads better as a word than as "0b". */
export function formatMemLimit(bytes: number): string {
  return bytes === 0 ? 'unlimited' : formatSize(bytes);
}

export function formatCpus(cpus: number): string {
  return cpus === 0 ? 'unlimited' : String(cpus);
}

export function formatCpuset(cpuset: string): string {
  return cpuset === '' ? 'any' : cpuset;
}

function formatHostIp(ip: string): string {
  // Docker brackets IPv6 addresses so the port separator stays readable ("[::]:8080->80/tcp").
  return ip.includes(':') ? `[${ip}]` : ip;
}

/** Docker-style, as `docker ps` shows it: "0.0.0.0:8080->80/tcp". */
export function formatPort(port: PortBinding): string {
  const published = port.published === null ? '(random)' : String(port.published);
  // A service's port: through the routing mesh (ingress, shown as every node) or on its task's node (host).
  if (port.mode !== undefined) return `${published}->${port.target}/${port.protocol} (${port.mode})`;
  return `${formatHostIp(port.hostIp)}:${published}->${port.target}/${port.protocol}`;
}

/** The host side of a published port for warnings: "8080/tcp". */
export function formatPublished(port: PortBinding): string {
  return port.published === null ? `a random port (→ ${port.target}/${port.protocol})` : `${port.published}/${port.protocol}`;
}

/** As written in a spec: "/data:/data:ro", "vol:/root", "tmpfs:/tmp (size 1m)". */
export function formatMount(mount: Mount): string {
  if (mount.type === 'tmpfs') {
    return mount.sizeBytes === null ? `tmpfs:${mount.target}` : `tmpfs:${mount.target} (size ${formatSize(mount.sizeBytes)})`;
  }
  return `${mount.source}:${mount.target}${mount.readOnly ? ':ro' : ''}`;
}

export function formatRestart(restart: RestartPolicy): string {
  return restart.name === 'on-failure' && restart.maxRetries > 0 ? `on-failure:${restart.maxRetries}` : restart.name;
}

export function formatList(items: readonly string[]): string {
  return `[${items.join(', ')}]`;
}

/** null means the field was left to the image (command, entrypoint, working_dir, user, hostname). */
export function formatOptional(value: string | null): string {
  return value === null ? '(image default)' : value;
}

export function formatOptionalList(items: readonly string[] | null): string {
  return items === null ? '(image default)' : formatList(items);
}

/** Labels are not secret (SPEC keeps secrets out of labels), so their values are shown. */
export function formatMap(map: Record<string, string>): string {
  return `{${Object.keys(map)
    .sort()
    .map((k) => `${k}=${map[k]}`)
    .join(', ')}}`;
}

/**
 * The environment diff by key only ("+API_KEY, ~PATH, -OLD"): values may be secrets and never reach the terminal.
 * Returns '' when nothing differs.
 */
export function formatEnvironmentKeys(from: Record<string, string>, to: Record<string, string>): string {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  const parts: string[] = [];
  for (const key of keys) {
    const had = Object.hasOwn(from, key);
    const has = Object.hasOwn(to, key);
    if (had && !has) parts.push(`-${key}`);
    else if (!had && has) parts.push(`+${key}`);
    else if (from[key] !== to[key]) parts.push(`~${key}`);
  }
  return parts.join(', ');
}

/** "all", "2", "[0, 3]"; driver and capabilities only when they are not what `--gpus` would ask for. */
export function formatGpuRequest(g: GpuRequest): string {
  const what = g.count === -1 ? 'all' : g.deviceIds.length > 0 ? `[${g.deviceIds.join(', ')}]` : String(g.count);
  const extra: string[] = [];
  if (g.driver !== '') extra.push(`driver ${g.driver}`);
  if (g.capabilities.join(',') !== 'gpu') extra.push(`capabilities ${g.capabilities.join(',')}`);
  return extra.length === 0 ? what : `${what} (${extra.join(', ')})`;
}

export function formatGpus(gpus: readonly GpuRequest[]): string {
  return gpus.length === 0 ? 'none' : gpus.map(formatGpuRequest).join('; ');
}

export function formatUlimits(ulimits: readonly Ulimit[]): string {
  return `{${ulimits.map((u) => (u.soft === u.hard ? `${u.name}=${u.soft}` : `${u.name}=${u.soft}:${u.hard}`)).join(', ')}}`;
}

export function formatStopGracePeriod(seconds: number | null): string {
  return seconds === null ? '(engine default, 10s)' : formatDuration(seconds * 1e9);
}

export function formatPidsLimit(limit: number): string {
  return limit === 0 ? 'unlimited' : String(limit);
}

export function formatMemSwap(bytes: number): string {
  if (bytes === 0) return 'default (twice mem_limit)';
  return bytes === -1 ? 'unlimited' : formatSize(bytes);
}

export function formatHealthcheck(h: Healthcheck | null): string {
  if (h === null) return '(image default)';
  if (h.test[0] === 'NONE') return 'disabled';
  const parts = [h.test.length === 0 ? 'test (image)' : `test ${JSON.stringify(h.test)}`];
  if (h.intervalNs !== 0) parts.push(`interval ${formatDuration(h.intervalNs)}`);
  if (h.timeoutNs !== 0) parts.push(`timeout ${formatDuration(h.timeoutNs)}`);
  if (h.startPeriodNs !== 0) parts.push(`start_period ${formatDuration(h.startPeriodNs)}`);
  if (h.retries !== 0) parts.push(`retries ${h.retries}`);
  return parts.join(', ');
}
