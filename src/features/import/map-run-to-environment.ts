// Maps a parsed docker run (or docker service create) line onto one spec environment (raw YAML values, as a person
// would write them), with notes for flags that leave nothing lasting; a flag the spec cannot express is a usage error
// naming the flag.
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { EnvctlError } from '../../errors/envctl-error.js';
import { describeReadError, readInputFile } from '../../base/read-input-file.js';
import type { FlagDraft } from '../../fields/flag-mapping.js';
import type { Parsed } from '../../fields/values/parse-result.js';
import { parseSize } from '../../fields/values/parse-size.js';
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
  /** Where the withheld values were, for the comment; default "the container". */
  withheldFrom?: string;
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

/** Builds the spec keys of one environment from the line's flags: a FlagDraft for each flag, bound to it. */
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

  apply(o: RunOption): void {
    const { flag } = o;
    if (flag.effect.kind === 'inexpressible') {
      // `-P: --publish-all cannot …` names the long form too; `--read-only` is said once.
      const also = o.written.startsWith(`--${flag.name}`) ? '' : ` (--${flag.name})`;
      throw new EnvctlError('usage', `${o.written}${also} cannot be expressed in an envctl spec: ${flag.effect.why}`, {
        hint: 'leave it out of the line to import the rest',
      });
    }
    if (flag.effect.kind === 'none') {
      // docker run's -d is how envctl runs every container, and a boolean turned off (`--sig-proxy=false`) asks for nothing.
      const asksNothing = flag.effect.silent === true || (!flag.takesValue && o.value !== 'true');
      if (!asksNothing) this.notes.push(`${o.written}: not carried over; ${flag.effect.note}`);
      return;
    }
    flag.effect.mapping.apply(this.draft(o));
  }

  private draft(o: RunOption): FlagDraft {
    const fail = (message: string, hint?: string): never => {
      throw new EnvctlError('usage', `${o.written}: ${message}`, hint === undefined ? {} : { hint });
    };
    const check = <T>(parsed: Parsed<T>): T => (parsed.ok ? parsed.value : fail(parsed.message, parsed.hint));
    const use = (key: string): void => void (this.sources[key] ??= []).push(o.written);
    return {
      written: o.written,
      value: o.value,
      on: o.value === 'true',
      cwd: this.ctx.cwd,
      home: this.home,
      set: (key, value) => {
        use(key);
        this.fields[key] = value;
      },
      push: (key, value) => {
        use(key);
        ((this.fields[key] ??= []) as unknown[]).push(value);
      },
      entry: (key, name, value) => {
        use(key);
        ((this.fields[key] ??= {}) as Record<string, unknown>)[name] = value;
      },
      get: (key) => this.fields[key],
      note: (text) => void this.notes.push(text),
      fail,
      check,
      // A size as written when docker and the spec read it alike; plain digits become a number of bytes.
      size: () => (check(parseSize(o.value)), /^[0-9]+$/.test(o.value) ? Number(o.value) : o.value),
      integer: () => (/^-?[0-9]+$/.test(o.value) ? Number(o.value) : fail(`"${o.value}" is not a whole number`)),
      duration: () => (DURATION.test(o.value) ? o.value : fail(`"${o.value}" is not a duration`, 'e.g. 30s, 1m30s, 500ms')),
      path: (p) => (p === '~' || p.startsWith('~/') ? resolve(this.home, p.slice(2)) : isAbsolute(p) ? p : resolve(this.ctx.cwd, p)),
      readFile: (abs) => {
        try {
          return this.read(abs);
        } catch (err) {
          const { reason, hint } = describeReadError(err);
          return fail(`${abs} ${reason}`, hint ?? 'import from the folder where the line was run, or give an absolute path');
        }
      },
    };
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
