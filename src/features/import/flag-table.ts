// One docker command's flags for `envctl import` (docker run, docker service create): what each flag amounts to in a
// spec, found by long name, older spelling or short letter, and shown in messages the way the user wrote it.
import type { FlagMapping } from '../../fields/flag-mapping.js';

/** What a flag amounts to in a spec. */
export type FlagEffect =
  /** Mapped onto spec keys by the field (or deploy flag) that declares it. */
  | { kind: 'field'; mapping: FlagMapping }
  /**
   * Only shapes the docker call itself (attach, output, the client); `note` says why it does not carry over. `silent`:
   * it asks for what envctl does anyway, so no note is left.
   */
  | { kind: 'none'; note: string; silent?: true }
  /** The spec has no field for it. */
  | { kind: 'inexpressible'; why: string };

export interface DockerFlag {
  /** Long name without dashes: the key used everywhere after parsing. */
  name: string;
  short?: string;
  /** Takes a value (`--flag value`, `--flag=value`, `-f value`, `-fvalue`); otherwise a boolean (`--flag[=true|false]`). */
  takesValue: boolean;
  effect: FlagEffect;
}

export const none = (note: string): FlagEffect => ({ kind: 'none', note });
export const cannot = (why: string): FlagEffect => ({ kind: 'inexpressible', why });

export interface FlagTable {
  /** The command as people write it: `docker run`, `docker service create`. */
  readonly command: string;
  readonly flags: readonly DockerFlag[];
  findLong(name: string): DockerFlag | undefined;
  findShort(letter: string): DockerFlag | undefined;
  /** Flags listed as unmapped although a field maps them: must stay empty (tested). */
  readonly shadowed: readonly string[];
}

/**
 * The table of one command: its unmapped flags (`other`), then the flags fields map — last, so a mapped flag wins
 * over a stale entry of `other` (`shadowed` names those, and a test keeps it empty).
 */
export function makeFlagTable(command: string, other: readonly DockerFlag[], mapped: readonly FlagMapping[], aliases: Record<string, string> = {}): FlagTable {
  const fromFields = mapped.map((m): DockerFlag => ({ name: m.name, ...(m.short === undefined ? {} : { short: m.short }), takesValue: m.takesValue, effect: { kind: 'field', mapping: m } }));
  const flags = [...other, ...fromFields];
  const byName = new Map(flags.map((f) => [f.name, f]));
  const byShort = new Map(flags.filter((f) => f.short !== undefined).map((f) => [f.short as string, f]));
  return {
    command,
    flags: [...byName.values()],
    findLong: (name) => byName.get(aliases[name] ?? name),
    findShort: (letter) => byShort.get(letter),
    shadowed: other.filter((o) => fromFields.some((f) => f.name === o.name)).map((o) => o.name),
  };
}

/** How the user would recognise the flag in messages: `--publish (-p)`. */
export function displayFlag(flag: DockerFlag): string {
  return flag.short === undefined ? `--${flag.name}` : `--${flag.name} (-${flag.short})`;
}
