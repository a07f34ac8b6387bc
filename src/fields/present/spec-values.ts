// Canonical values written back as a person would write them in a spec (sizes with units, ports as "H:C", the short
// forms of gpus and healthcheck): what `envctl import --from-container` prints.
import { EnvctlError } from '../../errors/envctl-error.js';
import type { GpuRequest, Healthcheck, Mount, PortBinding } from '../canonical-env.js';
import { formatDuration } from '../values/parse-duration.js';

const KiB = 1024;

/** Bytes in the unit docker users write (`32g`, `512m`), exact: a number when no unit divides it. */
export function specSize(bytes: number): string | number {
  for (const [unit, factor] of [['g', KiB ** 3], ['m', KiB ** 2], ['k', KiB]] as const) {
    if (bytes > 0 && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return bytes;
}

export function specPort(p: PortBinding): string | Record<string, unknown> {
  // A service's port published on its task's node only: the long form's mode (ingress is the default).
  if (p.mode === 'host') {
    return { target: p.target, ...(p.published === null ? {} : { published: p.published }), ...(p.protocol === 'tcp' ? {} : { protocol: p.protocol }), mode: 'host' };
  }
  const ip = p.hostIp === '0.0.0.0' ? '' : p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp;
  const published = p.published === null ? '' : String(p.published);
  const proto = p.protocol === 'tcp' ? '' : `/${p.protocol}`;
  if (ip === '') return `${published === '' ? '' : `${published}:`}${p.target}${proto}`;
  return `${ip}:${published}:${p.target}${proto}`;
}

export function specMount(m: Mount, containerName: string): unknown {
  if (m.type === 'tmpfs') {
    return m.sizeBytes === null ? { type: 'tmpfs', target: m.target } : { type: 'tmpfs', target: m.target, tmpfs: { size: specSize(m.sizeBytes) } };
  }
  if (m.source === '' || /^[0-9a-f]{64}$/.test(m.source)) {
    throw new EnvctlError('usage', `${containerName} has an anonymous volume at ${m.target}; the spec only has named volumes`, {
      hint: `copy its data into a named volume (e.g. docker run --rm --volumes-from ${containerName} -v data:/to IMAGE cp -a ${m.target}/. /to), mount that, and import again`,
    });
  }
  return `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`;
}

const deviceId = (id: string): number | string => (/^(0|[1-9][0-9]*)$/.test(id) ? Number(id) : id);

/** The spec's `gpus` for the engine's device requests: the short forms when docker's defaults apply, else the long one. */
export function specGpus(requests: GpuRequest[], containerName: string): unknown {
  if (requests.length > 1) {
    throw new EnvctlError('usage', `${containerName} has ${requests.length} GPU requests; the spec has one per environment`, {
      hint: 'merge them into one request (all, a count, or device ids)',
    });
  }
  const [r] = requests;
  if (r === undefined) return undefined;
  const plain = r.driver === '' && r.capabilities.length === 1 && r.capabilities[0] === 'gpu';
  if (plain && r.deviceIds.length > 0) return r.deviceIds.map(deviceId);
  if (plain) return r.count === -1 ? 'all' : r.count;
  const long: Record<string, unknown> = r.deviceIds.length > 0 ? { device_ids: r.deviceIds.map(deviceId) } : { count: r.count === -1 ? 'all' : r.count };
  const capabilities = r.capabilities.filter((c) => c !== 'gpu');
  if (capabilities.length > 0) long.capabilities = capabilities;
  if (r.driver !== '') long.driver = r.driver;
  return long;
}

export function specHealthcheck(h: Healthcheck): Record<string, unknown> {
  const disabled = h.test.length === 1 && h.test[0] === 'NONE';
  // `disable: true` stands alone in the spec; a disabled check that still carries timings is written as test NONE.
  if (disabled && h.intervalNs === 0 && h.timeoutNs === 0 && h.startPeriodNs === 0 && h.retries === 0) return { disable: true };
  const out: Record<string, unknown> = {};
  if (h.test.length > 0) out.test = [...h.test];
  if (h.intervalNs > 0) out.interval = formatDuration(h.intervalNs);
  if (h.timeoutNs > 0) out.timeout = formatDuration(h.timeoutNs);
  if (h.startPeriodNs > 0) out.start_period = formatDuration(h.startPeriodNs);
  if (h.retries > 0) out.retries = h.retries;
  return out;
}

