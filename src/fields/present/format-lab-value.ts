// Human renderings of the lab fields for plan text (GPUs, ulimits, stop, health, swap …).
import type { GpuRequest, Healthcheck, Ulimit } from '../canonical-env.js';
import { formatDuration } from '../values/parse-duration.js';
import { formatSize } from './format-value.js';

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
