// Maps a parsed docker run line onto one spec environment (raw YAML values, as a person would write them), with
// notes for flags that leave nothing lasting; a flag the spec cannot express is a usage error naming the flag.
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { EnvctlError } from '../../errors/envctl-error.js';
import { parseDotenv } from '../../fields/values/parse-dotenv.js';
import { describeReadError, readInputFile } from '../../base/read-input-file.js';
import { parsePort } from '../../fields/values/parse-port.js';
import { parseRestart } from '../../fields/values/parse-restart.js';
import type { Parsed } from '../../fields/values/parse-result.js';
import { parseSize } from '../../fields/values/parse-size.js';
import { parseVolume } from '../../fields/values/parse-volume.js';
import { requireSpecField } from './check-spec-field.js';
import { displayFlag } from './docker-run-flags.js';
import { parseGpuRequest, splitCsv } from '../../fields/values/parse-gpu-flag.js';
import type { ParsedRun, RunOption } from './parse-docker-run.js';

/** One imported environment: its key under `environments:`, its fields (spec names, raw values) and notes. */
export interface ImportedEnvironment {
  key: string;
  fields: Record<string, unknown>;
  /** Comments to write above the environment: what did not carry over, and why. */
  notes: string[];
  /** For each spec field, the flags (as written) it came from, so a problem with the field can name them. */
  sources: Record<string, string[]>;
  /** `environment` keys whose values were not copied (they look secret): written as `NAME:`, read from the shell at apply. */
  withheld?: string[];
}

export interface MapContext {
  /** Where relative paths in the line (-v ./data:/data, --env-file .env) were meant from. */
  cwd: string;
  homeDir?: string;
  /** The key to use under `environments:`; default from --name, else from the image. */
  envKey?: string;
  readTextFile?: (absPath: string) => string;
}

const DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;
const MOUNT_KEYS = new Set(['type', 'source', 'src', 'destination', 'dst', 'target', 'readonly', 'ro', 'tmpfs-size']);

/** A container name or image → a valid environment key (letters, digits, _ . -, starting with a letter or digit). */
export function toEnvKey(text: string): string {
  const key = text
    .replace(/[^a-zA-Z0-9_.-]+/g, '-')
    .replace(/^[^a-zA-Z0-9]+/, '')
    .replace(/-+$/, '');
  return key === '' ? 'imported' : key;
}

/** The image's repository name without registry, tag or digest: `pytorch/pytorch:2.4` → `pytorch`. */
function imageBaseName(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const last = noDigest.slice(noDigest.lastIndexOf('/') + 1);
  return last.split(':')[0] ?? last;
}

class RunMapper {
  readonly fields: Record<string, unknown> = {};
  readonly notes: string[] = [];
  readonly sources: Record<string, string[]> = {};
  private readonly home: string;
  private readonly read: (absPath: string) => string;

  constructor(private readonly ctx: MapContext) {
    this.home = ctx.homeDir ?? homedir();
    this.read = ctx.readTextFile ?? readInputFile;
  }

  private fail(o: RunOption, message: string, hint?: string): never {
    throw new EnvctlError('usage', `${o.written}: ${message}`, hint === undefined ? {} : { hint });
  }

  private check<T>(o: RunOption, parsed: Parsed<T>): T {
    if (parsed.ok) return parsed.value;
    return this.fail(o, parsed.message, parsed.hint);
  }

  private use(field: string, o: RunOption): void {
    requireSpecField(field, o.written);
    (this.sources[field] ??= []).push(o.written);
  }

  private set(field: string, o: RunOption, value: unknown): void {
    this.use(field, o);
    this.fields[field] = value;
  }

  private push(field: string, o: RunOption, value: unknown): void {
    this.use(field, o);
    const list = (this.fields[field] ??= []) as unknown[];
    list.push(value);
  }

  private entry(field: string, o: RunOption, key: string, value: unknown): void {
    this.use(field, o);
    const map = (this.fields[field] ??= {}) as Record<string, unknown>;
    map[key] = value;
  }

  private path(p: string): string {
    if (p === '~' || p.startsWith('~/')) return resolve(this.home, p.slice(2));
    return isAbsolute(p) ? p : resolve(this.ctx.cwd, p);
  }

  /** A size as written when docker and the spec read it alike; plain digits become a number of bytes. */
  private size(o: RunOption): string | number {
    this.check(o, parseSize(o.value));
    return /^[0-9]+$/.test(o.value) ? Number(o.value) : o.value;
  }

  private integer(o: RunOption): number {
    if (!/^-?[0-9]+$/.test(o.value)) this.fail(o, `"${o.value}" is not a whole number`);
    return Number(o.value);
  }

  private duration(o: RunOption): string {
    if (!DURATION.test(o.value)) this.fail(o, `"${o.value}" is not a duration`, 'e.g. 30s, 1m30s, 500ms');
    return o.value;
  }

  private on(o: RunOption): boolean {
    return o.value === 'true';
  }

  private healthcheck(o: RunOption, key: string, value: unknown): void {
    this.entry('healthcheck', o, key, value);
  }

  apply(o: RunOption): void {
    const { flag, value } = o;
    if (flag.effect.kind === 'inexpressible') {
      // `-P: --publish-all cannot …` names the long form too; `--read-only` is said once.
      const also = o.written.startsWith(`--${flag.name}`) ? '' : ` (--${flag.name})`;
      throw new EnvctlError('usage', `${o.written}${also} cannot be expressed in an envctl spec: ${flag.effect.why}`, {
        hint: 'leave it out of the line to import the rest',
      });
    }
    if (flag.effect.kind === 'none') {
      // -d is how envctl runs every container, and a boolean turned off (`--sig-proxy=false`) asks for nothing.
      const asksNothing = flag.name === 'detach' || (!flag.takesValue && !this.on(o));
      if (!asksNothing) this.notes.push(`${o.written}: not carried over; ${flag.effect.note}`);
      return;
    }
    switch (flag.name) {
      case 'add-host':
        return this.push('extra_hosts', o, value);
      case 'cap-add':
        return this.push('cap_add', o, value);
      case 'cap-drop':
        return this.push('cap_drop', o, value);
      case 'cpus': {
        const n = Number(value);
        if (value.trim() === '' || !Number.isFinite(n) || n < 0) this.fail(o, `"${value}" is not a number of CPUs`, 'e.g. 8 or 0.5');
        return this.set('cpus', o, n);
      }
      case 'cpuset-cpus':
        return this.set('cpuset', o, value);
      case 'device':
        return this.push('devices', o, value);
      case 'dns':
        return this.push('dns', o, value);
      case 'dns-search':
        return this.push('dns_search', o, value);
      case 'entrypoint':
        // docker makes the whole value one argv element (an empty one resets the image's entrypoint).
        return this.set('entrypoint', o, [value]);
      case 'env': {
        const eq = value.indexOf('=');
        if (eq === 0) this.fail(o, 'the variable has no name');
        // A bare NAME takes its value from the environment when applied, as docker run takes it when run.
        return this.entry('environment', o, eq === -1 ? value : value.slice(0, eq), eq === -1 ? null : value.slice(eq + 1));
      }
      case 'env-file':
        return this.envFile(o);
      case 'expose':
        return this.push('expose', o, value);
      case 'gpus':
        if (this.fields.gpus !== undefined) this.fail(o, '--gpus is given twice; the spec has one GPU request per environment');
        return this.set('gpus', o, this.check(o, parseGpuRequest(value)));
      case 'group-add':
        return this.push('group_add', o, value);
      case 'health-cmd':
        return this.healthcheck(o, 'test', ['CMD-SHELL', value]);
      case 'health-interval':
        return this.healthcheck(o, 'interval', this.duration(o));
      case 'health-timeout':
        return this.healthcheck(o, 'timeout', this.duration(o));
      case 'health-start-period':
        return this.healthcheck(o, 'start_period', this.duration(o));
      case 'health-start-interval':
        return this.healthcheck(o, 'start_interval', this.duration(o));
      case 'health-retries':
        return this.healthcheck(o, 'retries', this.integer(o));
      case 'no-healthcheck':
        return this.on(o) ? this.healthcheck(o, 'disable', true) : undefined;
      case 'hostname':
        return this.set('hostname', o, value);
      case 'init':
        return this.on(o) ? this.set('init', o, true) : undefined;
      case 'privileged':
        return this.on(o) ? this.set('privileged', o, true) : undefined;
      case 'interactive':
        return this.set('stdin_open', o, this.on(o));
      case 'tty':
        return this.set('tty', o, this.on(o));
      case 'ipc':
        return this.set('ipc', o, value);
      case 'label': {
        const eq = value.indexOf('=');
        return this.entry('labels', o, eq === -1 ? value : value.slice(0, eq), eq === -1 ? '' : value.slice(eq + 1));
      }
      case 'label-file':
        return this.labelFile(o);
      case 'memory':
        return this.set('mem_limit', o, this.size(o));
      case 'memory-swap':
        return this.set('memory_swap', o, value === '-1' ? -1 : this.size(o));
      case 'shm-size':
        return this.set('shm_size', o, this.size(o));
      case 'mount':
        return this.mount(o);
      case 'name':
        return this.set('container_name', o, value);
      case 'network':
        if (this.fields.network_mode !== undefined) this.fail(o, 'a second --network: the spec joins one network per environment');
        return this.set('network_mode', o, value);
      case 'pids-limit':
        return this.set('pids_limit', o, this.integer(o));
      case 'publish':
        this.check(o, parsePort(value, '0.0.0.0'));
        return this.push('ports', o, value);
      case 'pull':
        // `missing` is what apply does anyway; anything else is a pull policy.
        if (value === 'missing') return void this.notes.push(`${o.written}: what envctl apply does anyway (pulls a missing image)`);
        return this.set('pull_policy', o, value);
      case 'restart':
        this.check(o, parseRestart(value));
        return this.set('restart', o, value);
      case 'rm':
        if (this.on(o)) {
          this.notes.push(`${o.written}: no lasting meaning here; docker removed the container when it stopped, an envctl environment stays until you delete it from the spec and apply`);
        }
        return;
      case 'runtime':
        return this.set('runtime', o, value);
      case 'security-opt':
        return this.push('security_opt', o, value);
      case 'stop-signal':
        return this.set('stop_signal', o, value);
      case 'stop-timeout':
        return this.set('stop_grace_period', o, `${this.integer(o)}s`);
      case 'sysctl': {
        const eq = value.indexOf('=');
        if (eq <= 0) this.fail(o, `"${value}" is not name=value`);
        return this.entry('sysctls', o, value.slice(0, eq), value.slice(eq + 1));
      }
      case 'tmpfs':
        return this.tmpfs(o);
      case 'ulimit':
        return this.ulimit(o);
      case 'user':
        return this.set('user', o, value);
      case 'volume':
        return this.volume(o);
      case 'workdir':
        return this.set('working_dir', o, value);
      default:
        return this.fail(o, `${displayFlag(flag)} is not mapped by this version of envctl import`);
    }
  }

  private volume(o: RunOption): void {
    const parts = o.value.split(':');
    const source = parts[0] ?? '';
    const pathLike = source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
    const written = pathLike && parts.length > 1 ? [this.path(source), ...parts.slice(1)].join(':') : o.value;
    if (parts.length === 3 && !['ro', 'rw'].includes(parts[2] ?? '')) {
      this.fail(o, `mount options "${parts[2]}" cannot be expressed in an envctl spec (only ro or rw)`, 'leave them out, or use :ro');
    }
    this.check(o, parseVolume(written, { specDir: this.ctx.cwd, homeDir: this.home }));
    this.push('volumes', o, written);
  }

  private mount(o: RunOption): void {
    const fields = this.check(o, splitCsv(o.value));
    const opts = new Map<string, string | undefined>();
    for (const f of fields) {
      const eq = f.indexOf('=');
      const key = (eq === -1 ? f : f.slice(0, eq)).toLowerCase();
      if (!MOUNT_KEYS.has(key)) this.fail(o, `the mount option "${key}" cannot be expressed in an envctl spec`, 'the spec knows type, source, target, readonly and tmpfs-size');
      opts.set(key, eq === -1 ? undefined : f.slice(eq + 1));
    }
    const type = opts.get('type') ?? 'volume';
    if (type !== 'bind' && type !== 'volume' && type !== 'tmpfs') this.fail(o, `mount type "${type}" cannot be expressed in an envctl spec`, 'use bind, volume or tmpfs');
    const target = opts.get('target') ?? opts.get('dst') ?? opts.get('destination');
    if (target === undefined) this.fail(o, 'the mount has no target', 'add target=/path/in/container');
    const roText = opts.has('readonly') ? opts.get('readonly') : opts.has('ro') ? opts.get('ro') : 'false';
    const readOnly = roText === undefined || /^(1|true)$/i.test(roText);
    const long: Record<string, unknown> = { type };
    const source = opts.get('source') ?? opts.get('src');
    if (source !== undefined) long.source = type === 'bind' ? this.path(source) : source;
    long.target = target;
    if (readOnly) long.read_only = true;
    const size = opts.get('tmpfs-size');
    if (size !== undefined) {
      if (type !== 'tmpfs') this.fail(o, 'tmpfs-size only applies to type=tmpfs');
      long.tmpfs = { size: /^[0-9]+$/.test(size) ? Number(size) : size };
    }
    this.check(o, parseVolume(long as never, { specDir: this.ctx.cwd, homeDir: this.home }));
    this.push('volumes', o, long);
  }

  private tmpfs(o: RunOption): void {
    // The spec's `tmpfs` reads "/path[:options]" like docker does; normalize says which options it cannot keep.
    this.push('tmpfs', o, o.value);
  }

  private ulimit(o: RunOption): void {
    const m = /^([a-z_]+)=(-?[0-9]+)(?::(-?[0-9]+))?$/.exec(o.value);
    if (!m) this.fail(o, `"${o.value}" is not a ulimit`, 'e.g. nofile=1024:4096 or memlock=-1');
    const soft = Number(m[2]);
    const hard = m[3] === undefined ? soft : Number(m[3]);
    this.entry('ulimits', o, m[1] as string, soft === hard ? soft : { soft, hard });
  }

  private readFile(o: RunOption, abs: string): string {
    try {
      return this.read(abs);
    } catch (err) {
      const { reason, hint } = describeReadError(err);
      return this.fail(o, `${abs} ${reason}`, hint ?? 'import from the folder where the line was run, or give an absolute path');
    }
  }

  private envFile(o: RunOption): void {
    const abs = this.path(o.value);
    const text = this.readFile(o, abs);
    // docker takes each line literally; env_file strips quotes and comments. Only reference the file when both agree.
    const envctl = parseDotenv(text);
    text.split(/\r?\n/).forEach((raw, index) => {
      const line = raw.trimStart();
      if (line === '' || line.startsWith('#')) return;
      const eq = line.indexOf('=');
      const key = eq === -1 ? line.trimEnd() : line.slice(0, eq);
      const dockerValue = eq === -1 ? undefined : line.slice(eq + 1);
      if (dockerValue === undefined || envctl.values[key] !== dockerValue) {
        this.fail(
          o,
          `line ${index + 1} of ${abs}${eq === -1 ? '' : ` ("${key}=…")`} means something else to docker (which keeps every character after "=") than to envctl's env_file`,
          'write plain KEY=value lines without quotes or comments, or pass those variables with -e',
        );
      }
    });
    this.push('env_file', o, abs);
  }

  private labelFile(o: RunOption): void {
    const abs = this.path(o.value);
    const text = this.readFile(o, abs);
    // Labels are not secrets: they are copied into the spec, as docker copies them into the container.
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trimStart();
      if (line === '' || line.startsWith('#')) continue;
      const eq = line.indexOf('=');
      this.entry('labels', o, eq === -1 ? line : line.slice(0, eq), eq === -1 ? '' : line.slice(eq + 1));
    }
  }
}

export function mapRunToEnvironment(run: ParsedRun, ctx: MapContext): ImportedEnvironment {
  const mapper = new RunMapper(ctx);
  for (const option of run.options) mapper.apply(option);
  const fields: Record<string, unknown> = { ...mapper.fields, image: run.image };
  if (run.args.length > 0) fields.command = [...run.args];
  const name = typeof fields.container_name === 'string' ? fields.container_name : undefined;
  const key = ctx.envKey ?? toEnvKey(name ?? imageBaseName(run.image));
  return { key, fields, notes: mapper.notes, sources: { ...mapper.sources, image: [run.image], command: run.args } };
}
