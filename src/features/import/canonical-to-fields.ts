// Writes a canonical environment (what observe reads from a live container) as the spec fields a person would write,
// leaving out every engine default, so `envctl import --from-container` gives the smallest spec that recreates it.
import { EnvctlError } from '../../errors/envctl-error.js';
import { ENGINE_DEFAULTS, type CanonicalEnv, type GpuRequest, type Healthcheck, type Mount, type PortBinding } from '../../fields/canonical-env.js';
import { formatDuration } from '../../fields/values/parse-duration.js';

const KiB = 1024;

/** Bytes in the unit docker users write (`32g`, `512m`), exact: a number when no unit divides it. */
export function formatSize(bytes: number): string | number {
  for (const [unit, factor] of [['g', KiB ** 3], ['m', KiB ** 2], ['k', KiB]] as const) {
    if (bytes > 0 && bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return bytes;
}

export function formatPort(p: PortBinding): string {
  const ip = p.hostIp === '0.0.0.0' ? '' : p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp;
  const published = p.published === null ? '' : String(p.published);
  const proto = p.protocol === 'tcp' ? '' : `/${p.protocol}`;
  if (ip === '') return `${published === '' ? '' : `${published}:`}${p.target}${proto}`;
  return `${ip}:${published}:${p.target}${proto}`;
}

export function formatMount(m: Mount, containerName: string): unknown {
  if (m.type === 'tmpfs') {
    return m.sizeBytes === null ? { type: 'tmpfs', target: m.target } : { type: 'tmpfs', target: m.target, tmpfs: { size: formatSize(m.sizeBytes) } };
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
export function formatGpus(requests: GpuRequest[], containerName: string): unknown {
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

export function formatHealthcheck(h: Healthcheck): Record<string, unknown> {
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

const list = (values: string[]) => values.length > 0;

type Writer = (env: CanonicalEnv, out: Record<string, unknown>) => void;

/** One writer per canonical field; a field without one cannot be imported yet (see canonicalToFields). */
const WRITERS: Partial<Record<keyof CanonicalEnv, Writer>> = {
  // Identity: the key under `environments:` and the project come from where the spec is written.
  project: () => undefined,
  name: () => undefined,
  containerName: (e, o) => void (o.container_name = e.containerName),
  image: (e, o) => void (o.image = e.image),
  command: (e, o) => void (e.command !== null && (o.command = [...e.command])),
  entrypoint: (e, o) => void (e.entrypoint !== null && (o.entrypoint = [...e.entrypoint])),
  environment: (e, o) => void (Object.keys(e.environment).length > 0 && (o.environment = { ...e.environment })),
  workingDir: (e, o) => void (e.workingDir !== null && (o.working_dir = e.workingDir)),
  user: (e, o) => void (e.user !== null && (o.user = e.user)),
  hostname: (e, o) => void (e.hostname !== null && (o.hostname = e.hostname)),
  ports: (e, o) => void (e.ports.length > 0 && (o.ports = e.ports.map(formatPort))),
  mounts: (e, o) => void (e.mounts.length > 0 && (o.volumes = e.mounts.map((m) => formatMount(m, e.containerName)))),
  shmSizeBytes: (e, o) => void (e.shmSizeBytes !== ENGINE_DEFAULTS.shmSizeBytes && (o.shm_size = formatSize(e.shmSizeBytes))),
  ipc: (e, o) => void (e.ipc !== ENGINE_DEFAULTS.ipc && (o.ipc = e.ipc)),
  restart: (e, o) => {
    const { name, maxRetries } = e.restart;
    if (name !== ENGINE_DEFAULTS.restart.name) o.restart = name === 'on-failure' && maxRetries > 0 ? `${name}:${maxRetries}` : name;
  },
  labels: (e, o) => void (Object.keys(e.labels).length > 0 && (o.labels = { ...e.labels })),
  state: (e, o) => void (e.state !== ENGINE_DEFAULTS.state && (o.state = e.state)),
  tty: (e, o) => void (e.tty && (o.tty = true)),
  stdinOpen: (e, o) => void (e.stdinOpen && (o.stdin_open = true)),
  networkMode: (e, o) => void (e.networkMode !== ENGINE_DEFAULTS.networkMode && (o.network_mode = e.networkMode)),
  dns: (e, o) => void (e.dns.length > 0 && (o.dns = [...e.dns])),
  extraHosts: (e, o) => void (e.extraHosts.length > 0 && (o.extra_hosts = [...e.extraHosts])),
  memLimitBytes: (e, o) => void (e.memLimitBytes > 0 && (o.mem_limit = formatSize(e.memLimitBytes))),
  cpus: (e, o) => void (e.cpus > 0 && (o.cpus = e.cpus)),
  cpuset: (e, o) => void (e.cpuset !== '' && (o.cpuset = e.cpuset)),
  gpus: (e, o) => void (e.gpus.length > 0 && (o.gpus = formatGpus(e.gpus, e.containerName))),
  runtime: (e, o) => void (e.runtime !== ENGINE_DEFAULTS.runtime && (o.runtime = e.runtime)),
  ulimits: (e, o) => {
    if (e.ulimits.length > 0) o.ulimits = Object.fromEntries(e.ulimits.map((u) => [u.name, u.soft === u.hard ? u.soft : { soft: u.soft, hard: u.hard }]));
  },
  devices: (e, o) => void (list(e.devices) && (o.devices = [...e.devices])),
  capAdd: (e, o) => void (list(e.capAdd) && (o.cap_add = [...e.capAdd])),
  capDrop: (e, o) => void (list(e.capDrop) && (o.cap_drop = [...e.capDrop])),
  privileged: (e, o) => void (e.privileged && (o.privileged = true)),
  init: (e, o) => void (e.init && (o.init = true)),
  stopSignal: (e, o) => void (e.stopSignal !== null && (o.stop_signal = e.stopSignal)),
  stopGracePeriodSeconds: (e, o) => void (e.stopGracePeriodSeconds !== null && (o.stop_grace_period = `${e.stopGracePeriodSeconds}s`)),
  groupAdd: (e, o) => void (list(e.groupAdd) && (o.group_add = [...e.groupAdd])),
  securityOpt: (e, o) => void (list(e.securityOpt) && (o.security_opt = [...e.securityOpt])),
  sysctls: (e, o) => void (Object.keys(e.sysctls).length > 0 && (o.sysctls = { ...e.sysctls })),
  expose: (e, o) => void (list(e.expose) && (o.expose = e.expose.map((k) => k.replace(/\/tcp$/, '')))),
  dnsSearch: (e, o) => void (list(e.dnsSearch) && (o.dns_search = [...e.dnsSearch])),
  pidsLimit: (e, o) => void (e.pidsLimit !== 0 && (o.pids_limit = e.pidsLimit)),
  memSwapBytes: (e, o) => void (e.memSwapBytes !== 0 && (o.memory_swap = e.memSwapBytes === -1 ? -1 : formatSize(e.memSwapBytes))),
  healthcheck: (e, o) => void (e.healthcheck !== null && (o.healthcheck = formatHealthcheck(e.healthcheck))),
  ssh: (e, o) => {
    if (e.ssh === null) return;
    const s = e.ssh;
    const ssh: Record<string, unknown> = {};
    if (s.port !== null) ssh.port = s.port;
    if (s.user !== 'root') ssh.user = s.user;
    if (s.hostIp !== '0.0.0.0') ssh.host_ip = s.hostIp;
    if (s.install !== 'auto') ssh.install = s.install;
    ssh.authorized_keys = [...s.authorizedKeys];
    o.ssh = ssh;
  },
};

/** The canonical fields this version writes; a unit test keeps it equal to CanonicalEnv's keys. */
export const WRITTEN_FIELDS: readonly string[] = Object.keys(WRITERS);

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

export function canonicalToFields(env: CanonicalEnv): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(env)) {
    const write = WRITERS[key as keyof CanonicalEnv];
    if (write) write(env, out);
    else if (!isEmpty(value)) {
      throw new EnvctlError('internal', `envctl import cannot carry over the container's \`${key}\` yet`, {
        hint: 'import a docker run line instead, or write that field by hand',
      });
    }
  }
  return out;
}
