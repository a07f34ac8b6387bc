// envctl's label keys on containers and volumes, and helpers to build and read them.
import { readFileSync } from 'node:fs';
import { LABEL_PREFIX } from '../base/label-prefix.js';
import type { HealthcheckPart, InheritedDefaults } from '../fields/inherited-defaults.js';

export { isEnvctlLabel } from '../base/label-prefix.js';

const HEALTHCHECK_PARTS: readonly HealthcheckPart[] = ['all', 'test', 'interval', 'timeout', 'startPeriod', 'retries'];

export const LABEL_PROJECT = `${LABEL_PREFIX}project`;
export const LABEL_ENV = `${LABEL_PREFIX}env`;
const LABEL_SPEC_HASH = `${LABEL_PREFIX}spec-hash`;
export const LABEL_VERSION = `${LABEL_PREFIX}version`;
const LABEL_INHERITED = `${LABEL_PREFIX}inherited`;
/**
 * The NAMES (never the values) of the environment variables whose values are secrets (spec/sensitive-values.ts: env_file
 * entries, `sensitive:`, names that look secret), as a JSON list: `import --from-container` withholds their values.
 */
const LABEL_SENSITIVE = `${LABEL_PREFIX}sensitive`;
/** What an envctl resource that is not an environment's container is: 'lock', 'lock-image', 'snapshot', 'services-marker'. */
export const LABEL_ROLE = `${LABEL_PREFIX}role`;
/** On a lock: the project it locks. The lock carries dev.envctl.project too (so the project list call sees it); its role keeps it apart from environments. */
export const LABEL_LOCK_FOR = `${LABEL_PREFIX}lock.project`;
/**
 * The role of a project's services marker: a never-started container (like the lock) that exists while the project
 * has Swarm services, so the one container list call tells a spec without services that it must look for orphans.
 * Not `service`: a service's task containers carry that role.
 */
export const ROLE_SERVICES_MARKER = 'services-marker';
export const LABEL_SNAPSHOT_OF = `${LABEL_PREFIX}snapshot.container`;
export const LABEL_SNAPSHOT_CREATED = `${LABEL_PREFIX}snapshot.created`;
export const LABEL_SNAPSHOT_MESSAGE = `${LABEL_PREFIX}snapshot.message`;
export const LABEL_SNAPSHOT_SOURCE_IMAGE = `${LABEL_PREFIX}snapshot.source-image`;

function readPackageVersion(): string {
  // src/engine/ and dist/engine/ both sit two levels below package.json.
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** envctl's own package version, written on every container it creates. */
export const ENVCTL_VERSION = readPackageVersion();

/** Compact JSON with a stable key order, so the label reads the same for the same inputs. */
export function encodeInherited(inherited: InheritedDefaults): string {
  const ordered: Record<string, unknown> = {};
  for (const key of ['env', 'labels', 'volumes', 'cmd', 'entrypoint', 'workingDir', 'user', 'hostname', 'stopSignal', 'expose', 'healthcheck'] as const) {
    if (inherited[key] !== undefined) ordered[key] = inherited[key];
  }
  return JSON.stringify(ordered);
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
}

/** null when the label is absent or unreadable: the container is then observed as-is, like one made by hand. */
export function decodeInherited(raw: string | undefined): InheritedDefaults | null {
  if (raw === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const obj = parsed as Record<string, unknown>;
  const out: InheritedDefaults = {};
  for (const key of ['env', 'labels', 'volumes', 'expose'] as const) {
    const list = stringList(obj[key]);
    if (list !== undefined) out[key] = list;
  }
  const healthcheck = stringList(obj.healthcheck);
  if (healthcheck !== undefined) out.healthcheck = healthcheck.filter((p): p is HealthcheckPart => HEALTHCHECK_PARTS.includes(p as HealthcheckPart));
  for (const key of ['cmd', 'entrypoint', 'workingDir', 'user', 'hostname', 'stopSignal'] as const) {
    if (obj[key] === true) out[key] = true;
  }
  return out;
}

export interface EnvctlLabelInput {
  project: string;
  envName: string;
  specHash: string;
  inherited: InheritedDefaults;
  /** Names of its secret environment variables (DesiredState.sensitive); the label is left out when there are none. */
  sensitive?: readonly string[];
}

/** The labels envctl puts on a container, next to the user's own. */
export function buildEnvctlLabels(input: EnvctlLabelInput): Record<string, string> {
  return {
    [LABEL_PROJECT]: input.project,
    [LABEL_ENV]: input.envName,
    [LABEL_SPEC_HASH]: input.specHash,
    [LABEL_VERSION]: ENVCTL_VERSION,
    [LABEL_INHERITED]: encodeInherited(input.inherited),
    // Overrides a role the image carries (a snapshot, a build), which containers inherit from their image's labels.
    [LABEL_ROLE]: ROLE_ENV,
    ...(input.sensitive?.length ? { [LABEL_SENSITIVE]: JSON.stringify([...input.sensitive].sort()) } : {}),
  };
}

/** The names the label lists; [] when it is absent or unreadable (a container made by hand, or by an envctl that did not write it). */
function decodeSensitive(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  try {
    return stringList(JSON.parse(raw)) ?? [];
  } catch {
    return [];
  }
}

/** The role of an environment's container; absent on containers made by envctl before 0.1 set it. */
const ROLE_ENV = 'env';

/**
 * Whether labels belong to an environment's container. A container someone ran by hand from an image envctl built or
 * snapshotted inherits the image's project and env labels, but also its role (build, snapshot): it is not envctl's.
 */
export function isEnvContainerRole(labels: Record<string, string> | null | undefined): boolean {
  const role = labels?.[LABEL_ROLE];
  return role === undefined || role === ROLE_ENV;
}

export interface EnvctlLabels {
  project: string | null;
  envName: string | null;
  specHash: string | null;
  version: string | null;
  inherited: InheritedDefaults | null;
  /** Names of the environment variables whose values were secrets in the spec (label dev.envctl.sensitive). */
  sensitive: string[];
}

export function readEnvctlLabels(labels: Record<string, string> | null | undefined): EnvctlLabels {
  const l = labels ?? {};
  const env = isEnvContainerRole(l);
  return {
    project: env ? (l[LABEL_PROJECT] ?? null) : null,
    envName: env ? (l[LABEL_ENV] ?? null) : null,
    specHash: l[LABEL_SPEC_HASH] ?? null,
    version: l[LABEL_VERSION] ?? null,
    inherited: decodeInherited(l[LABEL_INHERITED]),
    sensitive: decodeSensitive(l[LABEL_SENSITIVE]),
  };
}

/** The value for a `label` filter in list calls: `dev.envctl.project=<project>`. */
export function projectLabelFilter(project: string): string {
  return `${LABEL_PROJECT}=${project}`;
}
