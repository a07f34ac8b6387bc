// The `docker run` flags a field maps from, for `envctl import`: each flag writes spec keys through an ImportDraft,
// which the import feature implements (it also records which flags each key came from, for its messages).
import type { Parsed } from './values/parse-result.js';

/** One flag as given on the line, bound to the environment being imported. */
export interface FlagDraft {
  /** The flag as written (`-p 8080:80`, `--shm-size=1g`): messages name it. */
  readonly written: string;
  /** The flag's value; for a boolean flag "true" or "false". */
  readonly value: string;
  /** A boolean flag that is on (`--init`, `--init=true`). */
  readonly on: boolean;
  set(key: string, value: unknown): void;
  /** Appends to a list key. */
  push(key: string, value: unknown): void;
  /** Sets one entry of a map key. */
  entry(key: string, name: string, value: unknown): void;
  /** What an earlier flag already wrote for a key. */
  get(key: string): unknown;
  /** A comment above the environment: what did not carry over, and why. */
  note(text: string): void;
  fail(message: string, hint?: string): never;
  /** The parsed value, or a usage error naming the flag. */
  check<T>(parsed: Parsed<T>): T;
  /** The value as a docker size (plain digits become a number of bytes). */
  size(): string | number;
  integer(): number;
  duration(): string;
  /** A host path made absolute the way the shell that ran the line would have (relative, `~`). */
  path(p: string): string;
  /** A file the flag names (--env-file, --label-file), read through envctl's bounded reader. */
  readFile(absPath: string): string;
  /** Where relative paths of the line were meant from, and the user's home. */
  readonly cwd: string;
  readonly home: string;
}

export interface FlagMapping {
  /** Long name without dashes, as `docker run --help` lists it. */
  name: string;
  short?: string;
  /** Takes a value (`--flag value`, `--flag=value`); otherwise a boolean (`--flag[=true|false]`). */
  takesValue: boolean;
  apply(draft: FlagDraft): void;
}

/** A flag that sets one spec key to its value as written. */
export const valueFlag = (name: string, key: string, short?: string): FlagMapping => ({
  name,
  ...(short === undefined ? {} : { short }),
  takesValue: true,
  apply: (d) => d.set(key, d.value),
});

/** A flag that appends its value to a list key. */
export const listFlag = (name: string, key: string): FlagMapping => ({ name, takesValue: true, apply: (d) => d.push(key, d.value) });

/** A boolean flag that sets a key to true when on (off asks for nothing). */
export const onFlag = (name: string, key: string): FlagMapping => ({
  name,
  takesValue: false,
  apply: (d) => {
    if (d.on) d.set(key, true);
  },
});
