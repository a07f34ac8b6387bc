// Turns the validated raw spec into the canonical DesiredState (every default filled in), reporting semantic problems
// (bad port strings, sizes, duplicate names, a host port published twice …) as located SpecIssues. Each environment
// is normalized by walking the field table (normalize-environment.ts); this file holds what spans the whole spec.
import { readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { readInputFile } from '../base/read-input-file.js';
import type { SpecIssue } from '../errors/envctl-error.js';
import type { CanonicalEnv } from '../fields/canonical-env.js';
import { parseIpAddress } from '../fields/values/check-text.js';
import { findPortClashes, type LocatedPort } from './check-host-ports.js';
import { checkFieldValues } from './check-field-values.js';
import type { DesiredState } from './desired-state.js';
import { readEnvPolicy, type EnvPolicy } from './env-policy.js';
import type { ImageSource } from './image-source.js';
import type { Variables } from './interpolate.js';
import type { DataPath, Locator } from './locate-node.js';
import { normalizeEnvironment, pickRaw, type RawSource, type SpecContext } from './normalize-environment.js';
import { hostOf, normalizeHosts } from './normalize-hosts.js';
import { normalizeImageSource } from './normalize-image-source.js';
import { normalizeVolumes } from './normalize-volumes.js';
import { isObj, SpecValues } from './spec-values.js';

export interface NormalizeContext {
  /** File name as shown in messages. */
  file: string;
  /** Absolute path of the spec. */
  specFile: string;
  homeDir: string;
  /** Variables for bare `environment` entries (`- HOME`, `HOME: null`). */
  vars: Variables;
  locator: Locator;
  /** Paths already reported by earlier stages: values at or under them are skipped, so nothing is reported twice. */
  reported: DataPath[];
  /** Reads env_file files; injectable for tests. */
  readTextFile?: (absPath: string) => string;
  /** Lists a folder (~/.ssh for `ssh: true`); throws when there is none. */
  listDir?: (absPath: string) => string[];
}

export interface NormalizeResult {
  state: DesiredState;
  issues: SpecIssue[];
  warnings: SpecIssue[];
}

const ENV_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Folder name → a valid project name ([a-z0-9][a-z0-9_-]*), as Compose does. */
export function projectFromFolder(folder: string): string {
  return folder
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '');
}

function projectOf(root: Record<string, unknown>, specDir: string, values: SpecValues): string {
  if (typeof root.project === 'string' && values.usable(['project'], root.project)) return root.project;
  const folder = basename(specDir);
  const derived = projectFromFolder(folder);
  if (derived !== '') return derived;
  values.issue([], `cannot derive a project name from the folder name "${folder}"`, 'set `project:` in the spec');
  return 'envctl';
}

function defaultHostIp(defaults: Record<string, unknown> | undefined, values: SpecValues): string {
  const value = defaults?.ports_host_ip;
  if (typeof value !== 'string' || !values.usable(['defaults', 'ports_host_ip'], value)) return '0.0.0.0';
  const ip = parseIpAddress(value);
  if (!ip.ok) values.issue(['defaults', 'ports_host_ip'], ip.message, 'e.g. 127.0.0.1 to publish on this machine only');
  return ip.ok ? ip.value : '0.0.0.0';
}

export function normalizeSpec(data: unknown, ctx: NormalizeContext): NormalizeResult {
  const values = new SpecValues(ctx.file, ctx.locator, ctx.reported);
  // Values outside the engine's grammar first, so the parsers below never see them.
  for (const issue of checkFieldValues(data, ctx.file, ctx.locator, ctx.reported)) values.add(issue);
  const root = isObj(data) ? data : {};
  const specDir = resolve(ctx.specFile, '..');
  const project = projectOf(root, specDir, values);
  const defaultsObj = values.usable(['defaults'], root.defaults) && isObj(root.defaults) ? root.defaults : undefined;
  const defaults: RawSource | undefined = defaultsObj && { obj: defaultsObj, path: ['defaults'] };
  const spec: SpecContext = {
    values,
    project,
    specDir,
    homeDir: ctx.homeDir,
    vars: ctx.vars,
    defaultHostIp: defaultHostIp(defaultsObj, values),
    readTextFile: ctx.readTextFile ?? readInputFile,
    listDir: ctx.listDir ?? ((p) => readdirSync(p)),
  };

  const hosts = normalizeHosts(root, values);
  const envHosts: Record<string, string> = {};
  const environments: CanonicalEnv[] = [];
  const policies: Record<string, EnvPolicy> = {};
  const imageSources: Record<string, ImageSource> = {};
  const ports: LocatedPort[] = [];
  const names: { env: string; name: string; path: DataPath }[] = [];
  const sensitive: Record<string, string[]> = {};
  const rawEnvs = values.usable(['environments'], root.environments) && isObj(root.environments) ? root.environments : {};
  for (const name of Object.keys(rawEnvs).sort()) {
    const path = ['environments', name];
    if (!ENV_NAME.test(name)) {
      values.issue(path, `environment name \`${name}\` must start with a letter or digit and contain only letters, digits, _ . -`, undefined, true);
      continue;
    }
    const raw = rawEnvs[name];
    if (!values.usable(path, raw) || !isObj(raw)) continue;
    const own: RawSource = { obj: raw, path };
    const normalized = normalizeEnvironment(name, own, defaults, spec);
    environments.push(normalized.env);
    // Only envs that chose something else than the default (refuse, nothing extra ignored) are listed.
    const policy = readEnvPolicy(raw, defaultsObj);
    if (policy.onRecreate !== 'refuse' || policy.ignoreChanges.length > 0) policies[name] = policy;
    const source = normalizeImageSource(pickRaw('build', own, defaults, values), pickRaw('pull_policy', own, defaults, values), spec);
    if (source.pullPolicy !== 'missing' || source.build !== null) imageSources[name] = source;
    const host = hostOf(raw, path, defaultsObj, hosts, values);
    if (host !== null) envHosts[name] = host;
    ports.push(...normalized.ports.map((p) => ({ ...p, env: name })));
    names.push({ env: name, name: normalized.env.containerName, path: normalized.containerNamePath });
    if (normalized.sensitive.length > 0) sensitive[name] = normalized.sensitive;
  }
  checkContainerNames(names, values);
  checkHostPorts(ports, envHosts, values);

  return {
    state: {
      project,
      specFile: ctx.specFile,
      environments,
      volumes: normalizeVolumes(root, environments, values),
      ...(Object.keys(policies).length > 0 ? { policies } : {}),
      ...(Object.keys(imageSources).length > 0 ? { imageSources } : {}),
      ...(hosts !== null ? { hosts } : {}),
      ...(Object.keys(envHosts).length > 0 ? { envHosts } : {}),
      ...(Object.keys(sensitive).length > 0 ? { sensitive } : {}),
    },
    issues: values.issues,
    warnings: values.warnings,
  };
}

/** Container names are unique across the spec (also across engines: each is the ssh Host alias envctl writes). */
function checkContainerNames(names: { env: string; name: string; path: DataPath }[], values: SpecValues): void {
  const seen = new Map<string, { env: string; path: DataPath }>();
  for (const entry of names) {
    const first = seen.get(entry.name);
    if (first) {
      values.issue(entry.path, `container name \`${entry.name}\` is also used by environment \`${first.env}\` (${values.where(first.path, true)})`, 'set a different `container_name`', true);
    } else seen.set(entry.name, entry);
  }
}

/** One host port can be bound once per machine; environments on different engines (`host:`) are on different machines. */
function checkHostPorts(ports: LocatedPort[], envHosts: Record<string, string>, values: SpecValues): void {
  for (const { entry, clash } of findPortClashes(ports, (env) => envHosts[env] ?? null)) {
    const { binding } = entry;
    const owner = clash.env === entry.env ? 'this environment' : `environment \`${clash.env}\``;
    values.issue(
      entry.path,
      `host port ${binding.hostIp}:${binding.published}/${binding.protocol} is already published by ${owner} (${values.where(clash.path)})`,
      'each host port can be published once; pick another host port',
    );
  }
}
