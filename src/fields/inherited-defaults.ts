// Which image defaults a container took over because its spec left the field out, so observe can take them back out.
import type { CanonicalEnv, Healthcheck } from './canonical-env.js';
import type { ImageDefaults } from './container-json.js';

/**
 * Recorded at create time in the `dev.envctl.inherited` label. A container's config never changes after create
 * (docker update touches only resources), so keys and flags are enough: no image values are copied into a label.
 */
export interface InheritedDefaults {
  /** Image env keys the spec does not set. */
  env?: string[];
  /** Image label keys the spec does not set. */
  labels?: string[];
  /** Image VOLUME paths no spec mount covers (the engine adds anonymous volumes for them). */
  volumes?: string[];
  /** The image's CMD was taken over. */
  cmd?: true;
  entrypoint?: true;
  workingDir?: true;
  user?: true;
  /** The spec left hostname out, so the engine chose one (the id prefix, or the host's name with network host). */
  hostname?: true;
  /** The image's STOPSIGNAL was taken over. */
  stopSignal?: true;
  /** Image EXPOSE keys the spec neither exposes nor publishes. */
  expose?: string[];
  /** Health check parts taken from the image: 'all' (the spec has none) or the sub-fields the spec left zero. */
  healthcheck?: HealthcheckPart[];
}

export type HealthcheckPart = 'all' | 'test' | 'interval' | 'timeout' | 'startPeriod' | 'retries';

function envKey(entry: string): string {
  const eq = entry.indexOf('=');
  return eq === -1 ? entry : entry.slice(0, eq);
}

/** Mirrors the daemon's merge of image config into a create request (daemon/create.go, merge()). */
export function computeInheritedDefaults(env: CanonicalEnv, image: ImageDefaults): InheritedDefaults {
  const out: InheritedDefaults = {};
  const envKeys = [...new Set(image.env.map(envKey))].filter((k) => !(k in env.environment)).sort();
  if (envKeys.length > 0) out.env = envKeys;
  const labelKeys = Object.keys(image.labels)
    .filter((k) => !(k in env.labels) && !k.startsWith('dev.envctl.'))
    .sort();
  if (labelKeys.length > 0) out.labels = labelKeys;
  const targets = new Set(env.mounts.map((m) => m.target));
  const volumes = image.volumes.filter((v) => !targets.has(v)).sort();
  if (volumes.length > 0) out.volumes = volumes;
  // The daemon takes the image CMD only when no entrypoint was given (an empty list counts as none) and no command.
  const noEntrypoint = env.entrypoint === null || env.entrypoint.length === 0;
  const noCommand = env.command === null || env.command.length === 0;
  if (noEntrypoint && noCommand && image.cmd !== null && image.cmd.length > 0) out.cmd = true;
  if (env.entrypoint === null && image.entrypoint !== null && image.entrypoint.length > 0) out.entrypoint = true;
  if (env.workingDir === null && image.workingDir !== '') out.workingDir = true;
  if (env.user === null && image.user !== '') out.user = true;
  if (env.hostname === null) out.hostname = true;
  if (env.stopSignal === null && (image.stopSignal ?? '') !== '') out.stopSignal = true;
  const mine = new Set([...env.expose, ...env.ports.map((p) => `${p.target}/${p.protocol}`)]);
  const expose = (image.exposedPorts ?? []).filter((k) => !mine.has(k)).sort();
  if (expose.length > 0) out.expose = expose;
  const healthcheck = inheritedHealthcheck(env.healthcheck, image.healthcheck ?? null);
  if (healthcheck.length > 0) out.healthcheck = healthcheck;
  return out;
}

/** The daemon fills a container's empty health check parts from the image's (daemon/commit.go, merge()). */
function inheritedHealthcheck(mine: Healthcheck | null, image: Healthcheck | null): HealthcheckPart[] {
  if (image === null) return [];
  if (mine === null) return ['all'];
  const parts: HealthcheckPart[] = [];
  if (mine.test.length === 0 && image.test.length > 0) parts.push('test');
  if (mine.intervalNs === 0 && image.intervalNs !== 0) parts.push('interval');
  if (mine.timeoutNs === 0 && image.timeoutNs !== 0) parts.push('timeout');
  if (mine.startPeriodNs === 0 && image.startPeriodNs !== 0) parts.push('startPeriod');
  if (mine.retries === 0 && image.retries !== 0) parts.push('retries');
  return parts;
}
