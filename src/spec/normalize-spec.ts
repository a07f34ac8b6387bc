// Turns the validated raw spec into the canonical DesiredState (every default filled in), reporting semantic problems
// (bad port strings, sizes, duplicate names, a host port published twice …) as located SpecIssues.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { basename, isAbsolute, resolve } from 'node:path';
import type { SpecIssue } from '../errors/envctl-error.js';
import { ENGINE_DEFAULTS, type CanonicalEnv, type Mount, type PortBinding } from '../fields/canonical-env.js';
import { type CanonicalVolume, type DesiredState } from './desired-state.js';
import type { Variables } from './interpolate.js';
import type { DataPath, NodeLocator } from './locate-node.js';
import { parseCommand } from '../fields/values/parse-command.js';
import { parseCpus } from '../fields/values/parse-cpus.js';
import { parseCpuset } from '../fields/values/parse-cpuset.js';
import { parseDotenv } from '../fields/values/parse-dotenv.js';
import { describeReadError, readInputFile } from '../base/read-input-file.js';
import { parseImage } from '../fields/values/parse-image.js';
import { parsePort, type LongPort } from '../fields/values/parse-port.js';
import { parseRestart } from '../fields/values/parse-restart.js';
import { ok, type Parsed } from '../fields/values/parse-result.js';
import { checkContainerPath, isHostAlias, parseIpAddress } from '../fields/values/check-text.js';
import { parseFieldSize, parseSize } from '../fields/values/parse-size.js';
import { parseVolume, VOLUME_NAME, type LongVolume } from '../fields/values/parse-volume.js';
import { ReportedPaths } from './reported-paths.js';
import { findPortClashes } from './check-host-ports.js';
import { checkPortCount } from '../fields/values/port-count.js';
import { checkFieldValues } from './check-field-values.js';
import { compareStrings } from '../base/compare-strings.js';
import { isEnvctlLabel, LABEL_PREFIX } from '../base/label-prefix.js';
import { sortedRecord } from '../base/sorted-record.js';
import { normalizeLabFields } from './normalize-lab-fields.js';
import { readEnvPolicy, type EnvPolicy } from './env-policy.js';
import { DEFAULT_IMAGE_SOURCE, DEFAULT_MAX_CONTEXT_BYTES, type ImageSource, type PullPolicy } from './image-source.js';
import { normalizeSsh } from '../fields/ssh/normalize-ssh.js';
import { sshReadText } from '../fields/ssh/read-public-keys.js';
import { isSshPort } from '../fields/ssh/ssh-create-options.js';
import { SSH_CONTAINER_PORT, type SshConfig } from '../fields/ssh/ssh-settings.js';
import { UNSUPPORTED_ENVIRONMENT_FIELDS, UNSUPPORTED_HINT, UNSUPPORTED_TOP_LEVEL_FIELDS, unsupportedMessage } from './unsupported-fields.js';

export interface NormalizeContext {
  /** File name as shown in messages. */
  file: string;
  /** Absolute path of the spec. */
  specFile: string;
  homeDir: string;
  /** Variables for bare `environment` entries (`- HOME`, `HOME: null`). */
  vars: Variables;
  locator: NodeLocator;
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
}

const ENV_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

type Obj = Record<string, unknown>;
interface Located {
  value: unknown;
  path: DataPath;
}
interface KeyValue {
  key: string;
  value: string | null;
  path: DataPath;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Folder name → a valid project name ([a-z0-9][a-z0-9_-]*), as Compose does. */
export function projectFromFolder(folder: string): string {
  return folder
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '');
}

export function normalizeSpec(data: unknown, ctx: NormalizeContext): NormalizeResult {
  return new Normalizer(ctx).run(data);
}

class Normalizer {
  readonly issues: SpecIssue[] = [];
  private readonly specDir: string;
  private readonly reported: ReportedPaths;

  constructor(private readonly ctx: NormalizeContext) {
    this.specDir = resolve(ctx.specFile, '..');
    this.reported = new ReportedPaths(ctx.reported);
  }

  run(data: unknown): NormalizeResult {
    // Values outside the engine's grammar first, so the parsers below never see them.
    for (const issue of checkFieldValues(data, this.ctx.file, this.ctx.locator, this.ctx.reported)) {
      this.issues.push(issue);
      this.reported.add(issue.path);
    }
    const root = isObj(data) ? data : {};
    const project = this.project(root);
    for (const field of UNSUPPORTED_TOP_LEVEL_FIELDS) {
      if (field in root) this.issue([field], unsupportedMessage(field), UNSUPPORTED_HINT, true);
    }

    const defaults = this.usable(['defaults'], root.defaults) && isObj(root.defaults) ? root.defaults : undefined;
    if (defaults) this.reportUnsupported(defaults, ['defaults']);
    const hostIp = this.defaultHostIp(defaults);

    const hosts = this.hosts(root);
    const envHosts: Record<string, string> = {};
    const environments: CanonicalEnv[] = [];
    const policies: Record<string, EnvPolicy> = {};
    const imageSources: Record<string, ImageSource> = {};
    const rawEnvs = this.usable(['environments'], root.environments) && isObj(root.environments) ? root.environments : {};
    for (const name of Object.keys(rawEnvs).sort()) {
      const path = ['environments', name];
      if (!ENV_NAME.test(name)) {
        this.issue(path, `environment name \`${name}\` must start with a letter or digit and contain only letters, digits, _ . -`, undefined, true);
        continue;
      }
      const raw = rawEnvs[name];
      if (!this.usable(path, raw) || !isObj(raw)) continue;
      this.reportUnsupported(raw, path);
      const env = this.environment(project, name, { obj: raw, path }, defaults && { obj: defaults, path: ['defaults'] }, hostIp);
      environments.push(env.env);
      // Only envs that chose something else than the default (refuse, nothing extra ignored) are listed.
      const policy = readEnvPolicy(raw, defaults);
      if (policy.onRecreate !== 'refuse' || policy.ignoreChanges.length > 0) policies[name] = policy;
      if (env.imageSource.pullPolicy !== 'missing' || env.imageSource.build !== null) imageSources[name] = env.imageSource;
      const host = this.hostOf(raw, path, defaults, hosts);
      if (host !== null) envHosts[name] = host;
      this.portPaths.push(...env.portPaths);
      this.containerNames.push({ env: name, name: env.env.containerName, path: env.containerNamePath });
    }
    this.checkContainerNames();
    this.checkHostPorts(envHosts);

    const volumes = this.volumes(root, environments);
    return {
      state: {
        project,
        specFile: this.ctx.specFile,
        environments,
        volumes,
        ...(Object.keys(policies).length > 0 ? { policies } : {}),
        ...(Object.keys(imageSources).length > 0 ? { imageSources } : {}),
        ...(hosts !== null ? { hosts } : {}),
        ...(Object.keys(envHosts).length > 0 ? { envHosts } : {}),
      },
      issues: this.issues,
    };
  }

  // ---- bookkeeping -------------------------------------------------------------------------------------------

  private readonly portPaths: { binding: PortBinding; env: string; path: DataPath }[] = [];
  private readonly containerNames: { env: string; name: string; path: DataPath }[] = [];

  private issue(path: DataPath, message: string, hint?: string, atKey = false): void {
    const at = atKey ? this.ctx.locator.key(path) : this.ctx.locator.value(path);
    const issue: SpecIssue = { file: this.ctx.file, path, line: at.line, col: at.col, message };
    if (hint !== undefined) issue.hint = hint;
    this.issues.push(issue);
  }

  private report<T>(path: DataPath, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    this.issue(path, parsed.message, parsed.hint);
    return undefined;
  }

  /** False when the value is absent or an earlier stage already reported it (or an ancestor). */
  private usable(path: DataPath, value: unknown): boolean {
    return value !== undefined && !this.reportedAt(path);
  }

  /** Usable and, for a map (a long form), whole: nothing under it reported, so a half-filled one never reaches a
   *  parser. Lists are judged item by item (items()). */
  private whole(path: DataPath, value: unknown): boolean {
    return this.usable(path, value) && !(isObj(value) && this.reported.touches(path));
  }

  private reportedAt(path: DataPath): boolean {
    return this.reported.at(path);
  }

  private where(path: DataPath, atKey = false): string {
    const { line, col } = atKey ? this.ctx.locator.key(path) : this.ctx.locator.value(path);
    return `${this.ctx.file}:${line}:${col}`;
  }

  // ---- top level ---------------------------------------------------------------------------------------------

  private project(root: Obj): string {
    if (typeof root.project === 'string' && this.usable(['project'], root.project)) return root.project;
    const folder = basename(this.specDir);
    const derived = projectFromFolder(folder);
    if (derived === '') {
      this.issue([], `cannot derive a project name from the folder name "${folder}"`, 'set `project:` in the spec');
      return 'envctl';
    }
    return derived;
  }

  private defaultHostIp(defaults: Obj | undefined): string {
    const value = defaults?.ports_host_ip;
    if (typeof value !== 'string' || !this.usable(['defaults', 'ports_host_ip'], value)) return '0.0.0.0';
    const ip = parseIpAddress(value);
    if (!ip.ok) this.issue(['defaults', 'ports_host_ip'], ip.message, 'e.g. 127.0.0.1 to publish on this machine only');
    return ip.ok ? ip.value : '0.0.0.0';
  }

  private reportUnsupported(obj: Obj, path: DataPath): void {
    for (const field of UNSUPPORTED_ENVIRONMENT_FIELDS) {
      if (field in obj) this.issue([...path, field], unsupportedMessage(field), UNSUPPORTED_HINT, true);
    }
  }

  // ---- one environment ---------------------------------------------------------------------------------------

  private environment(
    project: string,
    name: string,
    own: { obj: Obj; path: DataPath },
    defaults: { obj: Obj; path: DataPath } | undefined,
    hostIp: string,
  ): {
    env: CanonicalEnv;
    imageSource: ImageSource;
    portPaths: { binding: PortBinding; env: string; path: DataPath }[];
    containerNamePath: DataPath;
  } {
    // The environment's own value wins; `defaults` fills in what it leaves out. A reported value is skipped outright
    // (falling back to defaults would hide the user's mistake behind a value they did not write here).
    const pick = (field: string): Located | undefined | null => {
      for (const src of defaults ? [own, defaults] : [own]) {
        if (!(field in src.obj)) continue;
        const path = [...src.path, field];
        return this.whole(path, src.obj[field]) ? { value: src.obj[field], path } : null;
      }
      return undefined;
    };
    const both = (field: string): Located[] =>
      (defaults ? [defaults, own] : [own])
        .filter((src) => field in src.obj && this.whole([...src.path, field], src.obj[field]))
        .map((src) => ({ value: src.obj[field], path: [...src.path, field] }));

    const imageField = pick('image');
    const buildField = pick('build');
    let image: string | undefined;
    if (imageField === undefined && buildField === undefined) {
      this.issue(own.path, `environment \`${name}\` has no \`image\``, 'add `image:` or `build:` to it or to `defaults`', true);
    } else if (imageField) image = this.report(imageField.path, parseImage(String(imageField.value)));
    // A built image without `image:` is named after the environment, as Compose does.
    else if (imageField === undefined && buildField) image = this.report(buildField.path, parseImage(`${project}-${name}`.toLowerCase()));
    const imageSource = this.imageSource(buildField, pick('pull_policy'));

    const nameField = pick('container_name');
    const containerName = nameField ? String(nameField.value) : `${project}-${name}`;
    // The engine stores `Cmd: []` as no command at all (then the image's applies), so `[]` means "image default".
    const written = this.command(pick('command'));
    const command = written !== null && written.length === 0 ? null : written;
    const entrypoint = this.command(pick('entrypoint'));

    const restartField = pick('restart');
    const restart = (restartField && this.report(restartField.path, parseRestart(String(restartField.value)))) || ENGINE_DEFAULTS.restart;

    const ports = this.ports(pick('ports'), hostIp);
    const mounts = this.mounts(pick('volumes'));

    // Built even when the image is missing or bad, so the checks across environments still see this one; the
    // issue already recorded keeps the result from being used.
    const core = {
      project,
      name,
      containerName,
      image: image ?? '',
      command,
      entrypoint,
      environment: this.environmentVars(pick('env_file'), both('environment')),
      workingDir: this.workingDir(pick('working_dir')),
      user: this.nullableString(pick('user')),
      hostname: this.nullableString(pick('hostname')),
      ports: ports.bindings,
      mounts,
      shmSizeBytes: this.size(pick('shm_size'), 'shm_size') ?? ENGINE_DEFAULTS.shmSizeBytes,
      ipc: this.string(pick('ipc')) ?? ENGINE_DEFAULTS.ipc,
      restart: { ...restart },
      labels: this.labels(both('labels')),
      state: (this.string(pick('state')) as CanonicalEnv['state'] | undefined) ?? ENGINE_DEFAULTS.state,
      tty: this.boolean(pick('tty')) ?? false,
      stdinOpen: this.boolean(pick('stdin_open')) ?? false,
      networkMode: this.string(pick('network_mode')) ?? ENGINE_DEFAULTS.networkMode,
      dns: this.dns(pick('dns')),
      extraHosts: this.extraHosts(both('extra_hosts')),
      memLimitBytes: this.size(pick('mem_limit'), 'mem_limit') ?? 0,
      cpus: this.cpus(pick('cpus')),
      cpuset: this.cpuset(pick('cpuset')),
    };
    const networkModeField = pick('network_mode');
    const memLimitField = pick('mem_limit');
    const lab = normalizeLabFields(
      {
        pick,
        both,
        items: (field) => this.items(field),
        keyValues: (field) => this.keyValues(field),
        report: (path, parsed) => this.report(path, parsed),
        issue: (path, message, hint, atKey) => this.issue(path, message, hint, atKey),
      },
      { ...core, networkModePath: networkModeField ? networkModeField.path : null, memLimitPath: memLimitField ? memLimitField.path : null },
    );
    const ssh = this.ssh(pick('ssh'), hostIp, core);
    const env: CanonicalEnv = { ...core, ...lab, ssh: ssh.config };
    const containerNamePath = nameField ? nameField.path : own.path;
    return { env, imageSource, portPaths: [...ports.located, ...ssh.located].map((p) => ({ ...p, env: name })), containerNamePath };
  }

  // ---- engines (hosts, host) ------------------------------------------------------------------------------------

  /** Top-level `hosts:` as name → DOCKER_HOST address; null when the spec has none. */
  private hosts(root: Obj): Record<string, string> | null {
    if (!('hosts' in root) || !this.usable(['hosts'], root.hosts) || !isObj(root.hosts)) return null;
    const hosts: Record<string, string> = {};
    for (const [name, entry] of Object.entries(root.hosts)) {
      const path = ['hosts', name, 'docker_host'];
      if (!isObj(entry) || !this.usable(path, entry.docker_host) || typeof entry.docker_host !== 'string') continue;
      const address = entry.docker_host.trim();
      if (!/^(unix:\/\/\/.+|(tcp|ssh):\/\/[^/\s]+\/?)$/.test(address)) {
        this.issue(path, `docker_host "${address}" is not an engine address`, 'write it as for DOCKER_HOST: unix:///path/to/docker.sock, tcp://host:2376 or ssh://user@host');
        continue;
      }
      hosts[name] = address;
    }
    return sortedRecord(hosts);
  }

  /** The `hosts:` entry an environment runs on (its own `host`, else `defaults.host`); null = the default engine. */
  private hostOf(raw: Obj, path: DataPath, defaults: Obj | undefined, hosts: Record<string, string> | null): string | null {
    const own = 'host' in raw;
    const value = own ? raw.host : defaults?.host;
    if (value === undefined || value === null) return null;
    const at = own ? [...path, 'host'] : ['defaults', 'host'];
    if (!this.usable(at, value)) return null;
    const name = String(value);
    if (hosts === null || !(name in hosts)) {
      const known = hosts === null ? [] : Object.keys(hosts);
      this.issue(at, `host \`${name}\` is not an entry of the top-level \`hosts:\``, known.length > 0 ? `known hosts: ${known.join(', ')}` : 'add `hosts: { ' + name + ': { docker_host: ssh://user@' + name + ' } }`');
      return null;
    }
    return name;
  }

  // ---- where the image comes from (pull_policy, build) ---------------------------------------------------------

  private imageSource(buildField: Located | undefined | null, policyField: Located | undefined | null): ImageSource {
    const written = policyField ? (String(policyField.value) as PullPolicy) : undefined;
    if (!buildField) {
      if (written === 'build' && policyField) {
        this.issue(policyField.path, '`pull_policy: build` needs a `build:` section saying what to build', 'add `build: ./folder` or pick missing | always | never');
      }
      return written === undefined || written === 'build' ? { ...DEFAULT_IMAGE_SOURCE } : { pullPolicy: written, build: null };
    }
    if (written !== undefined && written !== 'build' && policyField) {
      this.issue(policyField.path, `\`pull_policy: ${written}\` does not go with \`build:\`: envctl builds this image`, 'remove pull_policy (or write `pull_policy: build`)');
    }
    const raw = buildField.value;
    const obj: Obj = typeof raw === 'string' ? { context: raw } : isObj(raw) ? raw : {};
    const contextText = typeof obj.context === 'string' && obj.context.trim() !== '' ? obj.context : '.';
    const context = resolve(this.specDir, contextText.startsWith('~/') ? `${this.ctx.homeDir}/${contextText.slice(2)}` : contextText);
    const dockerfile = typeof obj.dockerfile === 'string' && obj.dockerfile.trim() !== '' ? obj.dockerfile : 'Dockerfile';
    const args: Record<string, string> = {};
    if (obj.args !== undefined && typeof raw === 'object') {
      for (const entry of this.keyValues({ value: obj.args, path: [...buildField.path, 'args'] })) {
        // A bare name takes its value from the environment, as `docker build --build-arg NAME` does; unset = left out.
        const value = entry.value ?? this.ctx.vars[entry.key];
        if (value !== undefined) args[entry.key] = value;
      }
    }
    const target = typeof obj.target === 'string' && obj.target.trim() !== '' ? obj.target : null;
    const maxContext = obj.max_context === undefined ? undefined : { value: obj.max_context, path: [...buildField.path, 'max_context'] };
    const maxContextBytes = (maxContext && this.report(maxContext.path, parseSize(maxContext.value as string | number))) ?? DEFAULT_MAX_CONTEXT_BYTES;
    if (maxContext && maxContextBytes === 0) this.issue(maxContext.path, '`max_context` must be more than 0', 'e.g. max_context: 8g');
    return { pullPolicy: 'build', build: { context, dockerfile, args: sortedRecord(args), target, maxContextBytes } };
  }

  private string(field: Located | undefined | null): string | undefined {
    return field ? String(field.value) : undefined;
  }

  private boolean(field: Located | undefined | null): boolean | undefined {
    return field && typeof field.value === 'boolean' ? field.value : undefined;
  }

  private nullableString(field: Located | undefined | null): string | null {
    return field && field.value !== null ? String(field.value) : null;
  }

  private workingDir(field: Located | undefined | null): string | null {
    const dir = this.nullableString(field);
    return dir !== null && field ? (this.report(field.path, checkContainerPath(dir, 'working_dir')) ?? null) : dir;
  }

  private command(field: Located | undefined | null): string[] | null {
    if (!field) return null;
    return this.report(field.path, parseCommand(field.value as string | string[] | null)) ?? null;
  }

  private size(field: Located | undefined | null, name: 'shm_size' | 'mem_limit'): number | undefined {
    if (!field) return undefined;
    return this.report(field.path, parseFieldSize(field.value as string | number, name));
  }

  private cpus(field: Located | undefined | null): number {
    return (field && this.report(field.path, parseCpus(field.value as number | string))) || 0;
  }

  private cpuset(field: Located | undefined | null): string {
    return (field && this.report(field.path, parseCpuset(field.value as number | string))) || '';
  }

  private dns(field: Located | undefined | null): string[] {
    if (!field) return [];
    const list = typeof field.value === 'string' ? [{ value: field.value, path: field.path }] : this.items(field);
    const servers: string[] = [];
    for (const item of list) {
      if (typeof item.value !== 'string') continue;
      const ip = parseIpAddress(item.value);
      if (!ip.ok || ip.value !== item.value) this.issue(item.path, `dns server ${JSON.stringify(item.value)} is not an IP address`);
      else servers.push(item.value);
    }
    return servers;
  }

  /** The usable items of a list value, each with its own path. */
  private items(field: Located): Located[] {
    if (!Array.isArray(field.value)) return [];
    return field.value
      .map((value: unknown, i) => ({ value, path: [...field.path, i] }))
      .filter((item) => this.whole(item.path, item.value));
  }

  // ---- key/value maps ----------------------------------------------------------------------------------------

  /** A `{K: V}` map or `["K=V"]` list as entries; `null` / a bare "K" keep value null (meaning differs per field). */
  private keyValues(field: Located): KeyValue[] {
    if (Array.isArray(field.value)) {
      const entries: KeyValue[] = [];
      for (const item of this.items(field)) {
        const text = String(item.value);
        const eq = text.indexOf('=');
        const key = eq === -1 ? text : text.slice(0, eq);
        if (key.trim() === '') {
          this.issue(item.path, 'this entry has no name before "="', 'write "KEY=value"'); // the value may be a secret: not quoted
          continue;
        }
        entries.push({ key, value: eq === -1 ? null : text.slice(eq + 1), path: item.path });
      }
      return entries;
    }
    if (!isObj(field.value)) return [];
    return Object.entries(field.value)
      .map(([key, value]) => ({ key, value: value === null ? null : String(value), path: [...field.path, key] }))
      .filter((entry) => !this.reportedAt(entry.path));
  }

  private environmentVars(envFile: Located | undefined | null, sources: Located[]): Record<string, string> {
    const result: Record<string, string> = {};
    if (envFile) Object.assign(result, this.readEnvFiles(envFile));
    for (const source of sources) {
      for (const entry of this.keyValues(source)) {
        const value = entry.value ?? this.ctx.vars[entry.key];
        // A bare name whose variable is unset is left out, as docker does with `-e NAME`.
        if (value === undefined) delete result[entry.key];
        else result[entry.key] = value;
      }
    }
    return sortedRecord(result);
  }

  private readEnvFiles(field: Located): Record<string, string> {
    const files = typeof field.value === 'string' ? [{ value: field.value, path: field.path }] : this.items(field);
    const read = this.ctx.readTextFile ?? readInputFile;
    const result: Record<string, string> = {};
    for (const file of files) {
      const name = String(file.value);
      const abs = isAbsolute(name) ? name : resolve(this.specDir, name);
      let text: string;
      try {
        text = read(abs);
      } catch (err) {
        const { reason, hint } = describeReadError(err);
        this.issue(file.path, `env_file "${name}" ${reason} (looked at ${abs})`, hint ?? 'paths are relative to the spec file');
        continue;
      }
      const parsed = parseDotenv(text);
      for (const error of parsed.errors) this.issue(file.path, `env_file "${name}" line ${error.line}: ${error.message}`);
      Object.assign(result, parsed.values);
    }
    return result;
  }

  private labels(sources: Located[]): Record<string, string> {
    const result: Record<string, string> = {};
    for (const source of sources) {
      for (const entry of this.keyValues(source)) {
        if (isEnvctlLabel(entry.key)) {
          this.issue(entry.path, `label \`${entry.key}\` uses the prefix \`${LABEL_PREFIX}\`, which envctl reserves for itself`, 'choose another label name', true);
          continue;
        }
        result[entry.key] = entry.value ?? '';
      }
    }
    return sortedRecord(result);
  }

  private extraHosts(sources: Located[]): string[] {
    // Maps merge (environment wins per host); a list anywhere replaces what came before, like any list.
    const hosts = new Map<string, string>();
    for (const source of sources) {
      if (Array.isArray(source.value)) hosts.clear();
      const entries: { host: string; ip: string; path: DataPath }[] = [];
      if (Array.isArray(source.value)) {
        for (const item of this.items(source)) {
          const text = String(item.value);
          const sep = text.search(/[:=]/);
          if (sep <= 0) {
            this.issue(item.path, `extra_hosts entry "${text}" is not "host:ip"`);
            continue;
          }
          entries.push({ host: text.slice(0, sep), ip: text.slice(sep + 1), path: item.path });
        }
      } else if (isObj(source.value)) {
        for (const [host, ip] of Object.entries(source.value)) entries.push({ host, ip: String(ip), path: [...source.path, host] });
      }
      for (const entry of entries) {
        const ip = entry.ip === 'host-gateway' ? ok(entry.ip) : parseIpAddress(entry.ip);
        const problem = !isHostAlias(entry.host) ? `extra_hosts: ${JSON.stringify(entry.host)} is not a host name` : !ip.ok ? `extra_hosts: ${JSON.stringify(entry.ip)} is neither an IP address nor host-gateway` : null;
        if (problem !== null || !ip.ok) {
          this.issue(entry.path, problem ?? '', 'write "host:ip", e.g. "db:10.0.0.5"');
          continue;
        }
        hosts.set(entry.host, ip.value);
      }
    }
    return [...hosts].map(([host, ip]) => `${host}:${ip}`).sort();
  }

  // ---- ports and mounts --------------------------------------------------------------------------------------

  private ports(field: Located | undefined | null, hostIp: string): { bindings: PortBinding[]; located: { binding: PortBinding; path: DataPath }[] } {
    const located: { binding: PortBinding; path: DataPath }[] = [];
    if (field) {
      for (const item of this.items(field)) {
        const parsed = this.report(item.path, parsePort(item.value as string | number | LongPort, hostIp));
        for (const binding of parsed ?? []) located.push({ binding, path: item.path });
      }
    }
    const bindings = located.map((l) => l.binding).sort(comparePorts);
    if (field) this.report(field.path, checkPortCount(bindings.length));
    return { bindings, located };
  }

  private mounts(field: Located | undefined | null): Mount[] {
    const mounts: Mount[] = [];
    if (!field) return mounts;
    const targets = new Map<string, DataPath>();
    const ctx = { specDir: this.specDir, homeDir: this.ctx.homeDir };
    for (const item of this.items(field)) {
      const mount = this.report(item.path, parseVolume(item.value as string | LongVolume, ctx));
      if (!mount) continue;
      const target = mount.target.length > 1 ? mount.target.replace(/\/+$/, '') : mount.target;
      const first = targets.get(target);
      if (first) {
        this.issue(item.path, `two mounts target ${mount.target} (the other is at ${this.where(first)})`, 'each container path can be mounted once');
        continue;
      }
      targets.set(target, item.path);
      mounts.push(mount);
    }
    return mounts.sort((a, b) => compareStrings(a.target, b.target));
  }

  // ---- ssh (src/features/ssh) -------------------------------------------------------------------------------

  private ssh(
    field: Located | undefined | null,
    hostIp: string,
    env: Pick<CanonicalEnv, 'ports' | 'networkMode'>,
  ): { config: SshConfig | null; located: { binding: PortBinding; path: DataPath }[] } {
    if (!field) return { config: null, located: [] };
    const { config, problems } = normalizeSsh(field.value, {
      specDir: this.specDir,
      homeDir: this.ctx.homeDir,
      defaultHostIp: hostIp,
      ...(this.ctx.readTextFile ? { readText: sshReadText(this.ctx.readTextFile) } : {}),
      ...(this.ctx.listDir ? { listDir: this.ctx.listDir } : {}),
    });
    for (const p of problems) this.issue([...field.path, ...p.path], p.message, p.hint);
    if (config === null) return { config, located: [] };
    if (['host', 'none'].includes(env.networkMode) || env.networkMode.startsWith('container:')) {
      this.issue(field.path, `ssh needs a published port, which network_mode ${env.networkMode} does not have`, 'use a bridge or user-defined network', true);
    }
    if (env.ports.some(isSshPort)) {
      this.issue(field.path, 'ssh publishes container port 22 itself; `ports` publishes 22/tcp too', 'remove 22 from `ports` (set `ssh.port` for the host port)', true);
    }
    const binding: PortBinding = { target: SSH_CONTAINER_PORT, published: config.port, hostIp: config.hostIp, protocol: 'tcp' };
    const hasPort = typeof field.value === 'object' && field.value !== null && 'port' in field.value;
    return { config, located: [{ binding, path: hasPort ? [...field.path, 'port'] : field.path }] };
  }

  // ---- checks across environments ---------------------------------------------------------------------------

  private checkContainerNames(): void {
    const seen = new Map<string, { env: string; path: DataPath }>();
    for (const entry of this.containerNames) {
      const first = seen.get(entry.name);
      if (first) {
        this.issue(entry.path, `container name \`${entry.name}\` is also used by environment \`${first.env}\` (${this.where(first.path, true)})`, 'set a different `container_name`', true);
      } else seen.set(entry.name, entry);
    }
  }

  /**
   * One host port can be bound once per machine. Environments on different engines (`host:`) are on different
   * machines. Container names stay unique across engines: each is also the ssh Host alias envctl writes.
   */
  private checkHostPorts(envHosts: Record<string, string>): void {
    for (const { entry, clash } of findPortClashes(this.portPaths, (env) => envHosts[env] ?? null)) {
      const { binding } = entry;
      const owner = clash.env === entry.env ? 'this environment' : `environment \`${clash.env}\``;
      this.issue(
        entry.path,
        `host port ${binding.hostIp}:${binding.published}/${binding.protocol} is already published by ${owner} (${this.where(clash.path)})`,
        'each host port can be published once; pick another host port',
      );
    }
  }

  // ---- volumes -----------------------------------------------------------------------------------------------

  private volumes(root: Obj, environments: CanonicalEnv[]): CanonicalVolume[] {
    const volumes = new Map<string, CanonicalVolume>();
    const declared = this.usable(['volumes'], root.volumes) && isObj(root.volumes) ? root.volumes : {};
    for (const name of Object.keys(declared)) {
      const path = ['volumes', name];
      if (!VOLUME_NAME.test(name)) {
        this.issue(path, `\`${name}\` is not a volume name (2 to 255 letters, digits, _ . -)`, undefined, true);
        continue;
      }
      const decl = declared[name];
      if (decl !== null && (!this.usable(path, decl) || !isObj(decl))) continue;
      const driverOpts: Record<string, string> = {};
      if (decl && isObj(decl.driver_opts)) for (const [k, v] of Object.entries(decl.driver_opts)) driverOpts[k] = String(v);
      const labels = decl && decl.labels !== undefined && this.usable([...path, 'labels'], decl.labels) ? this.labels([{ value: decl.labels, path: [...path, 'labels'] }]) : {};
      volumes.set(name, {
        name,
        driver: decl && typeof decl.driver === 'string' ? decl.driver : 'local',
        driverOpts: sortedRecord(driverOpts),
        labels,
        declared: true,
      });
    }
    for (const env of environments) {
      for (const mount of env.mounts) {
        if (mount.type === 'volume' && !volumes.has(mount.source)) {
          volumes.set(mount.source, { name: mount.source, driver: 'local', driverOpts: {}, labels: {}, declared: false });
        }
      }
    }
    return [...volumes.values()].sort((a, b) => compareStrings(a.name, b.name));
  }
}

/** Sorted by target, protocol, hostIp, published (ephemeral first), so equal sets compare equal. */
export function comparePorts(a: PortBinding, b: PortBinding): number {
  return (
    a.target - b.target ||
    compareStrings(a.protocol, b.protocol) ||
    compareStrings(a.hostIp, b.hostIp) ||
    (a.published ?? -1) - (b.published ?? -1)
  );
}
