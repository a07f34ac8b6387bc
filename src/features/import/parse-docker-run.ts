// Parses the arguments of docker run (or docker service create) the way the docker CLI (pflag) does: long and short
// flags, `=` values, bundles like `-it` or `-dp 80:80`, repeated flags, and the first non-flag word as the image,
// everything after it the command.
import { EnvctlError } from '../../errors/envctl-error.js';
import { RUN_FLAGS } from './docker-run-flags.js';
import { SERVICE_FLAGS } from './docker-service-flags.js';
import { displayFlag, type DockerFlag, type FlagTable } from './flag-table.js';

export interface RunOption {
  flag: DockerFlag;
  /** The value; for a boolean flag "true" or "false". */
  value: string;
  /** How it was written, for messages: `-p 8888:8888`, `--ipc=host`. */
  written: string;
}

export interface ParsedRun {
  options: RunOption[];
  image: string;
  /** The command and its arguments after the image (empty = the image's). */
  args: string[];
}

const hint = (table: FlagTable) => `envctl import knows the flags of \`${table.command}\`; check the spelling, or see \`${table.command} --help\``;

export const parseDockerRun = (argv: string[]): ParsedRun => parseDockerArgs(argv, RUN_FLAGS);
export const parseDockerService = (argv: string[]): ParsedRun => parseDockerArgs(argv, SERVICE_FLAGS);

export function parseDockerArgs(argv: string[], table: FlagTable): ParsedRun {
  const boolValue = (flag: DockerFlag, text: string, written: string): string => {
    if (/^(1|t|true|TRUE|True)$/.test(text)) return 'true';
    if (/^(0|f|false|FALSE|False)$/.test(text)) return 'false';
    throw new EnvctlError('usage', `${written}: ${displayFlag(flag)} is true or false, found "${text}"`, { hint: hint(table) });
  };
  const options: RunOption[] = [];
  let i = 0;
  const needValue = (written: string): string => {
    const value = argv[i + 1];
    if (value === undefined) throw new EnvctlError('usage', `${written} needs a value`, { hint: `e.g. ${written} VALUE` });
    i++;
    return value;
  };

  for (; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '--') {
      i++;
      break;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = word.slice(2, eq === -1 ? undefined : eq);
      const flag = table.findLong(name);
      if (!flag) throw new EnvctlError('usage', `unknown ${table.command} flag --${name}`, { hint: hint(table) });
      if (flag.takesValue) {
        const value = eq === -1 ? needValue(word) : word.slice(eq + 1);
        options.push({ flag, value, written: eq === -1 ? `${word} ${value}` : word });
      } else {
        options.push({ flag, value: eq === -1 ? 'true' : boolValue(flag, word.slice(eq + 1), word), written: word });
      }
      continue;
    }
    if (word.startsWith('-') && word.length > 1) {
      // A bundle: boolean letters, optionally ending in one that takes a value (attached, after `=`, or the next word).
      for (let j = 1; j < word.length; j++) {
        const letter = word[j] ?? '';
        const flag = table.findShort(letter);
        if (!flag) throw new EnvctlError('usage', `unknown ${table.command} flag -${letter}${word.length > 2 ? ` (in ${word})` : ''}`, { hint: hint(table) });
        const rest = word.slice(j + 1);
        if (flag.takesValue) {
          const attached = rest.startsWith('=') ? rest.slice(1) : rest;
          const value = rest === '' ? needValue(`-${letter}`) : attached;
          options.push({ flag, value, written: rest === '' ? `-${letter} ${value}` : `-${letter}${rest}` });
          break;
        }
        if (rest.startsWith('=')) {
          options.push({ flag, value: boolValue(flag, rest.slice(1), word), written: word });
          break;
        }
        options.push({ flag, value: 'true', written: `-${letter}` });
      }
      continue;
    }
    break;
  }

  const image = argv[i];
  if (image === undefined || image === '') {
    throw new EnvctlError('usage', `the ${table.command} line names no image`, { hint: 'the first word that is not a flag is the image, e.g. … -p 8888:8888 pytorch/pytorch bash' });
  }
  return { options, image, args: argv.slice(i + 1) };
}
