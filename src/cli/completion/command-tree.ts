// The CLI's commands, options and arguments read from commander's own tree, for the completion scripts: generated from
// what is registered, so a new command or option completes without anyone editing a list.
import type { Command, Option } from 'commander';

export interface OptionInfo {
  /** Every spelling: ['-f', '--file']. */
  flags: string[];
  description: string;
  /** It takes a value (`--file <path>`). */
  takesValue: boolean;
  /** Its value is a path: complete file names. */
  takesFile: boolean;
}

export interface ArgumentInfo {
  name: string;
  variadic: boolean;
  /** The fixed values it accepts (`completion <shell>`); empty = any. */
  choices: string[];
  /** An environment of the spec: complete its names. */
  envName: boolean;
}

export interface CommandInfo {
  name: string;
  description: string;
  options: OptionInfo[];
  args: ArgumentInfo[];
}

export interface CommandTree {
  name: string;
  globalOptions: OptionInfo[];
  commands: CommandInfo[];
}

/** Arguments that name an environment (`<env>`, `<name>`, `<env...>`) complete with the spec's environment names. */
const ENV_ARGUMENT = /^(env|envs|name|environment|environments)$/;
/** Options whose value is a file. */
const FILE_VALUE = /<(path|file|[^>]*\.tar|[^>]*\.ya?ml)>/i;

function optionInfo(o: Option): OptionInfo {
  return {
    flags: [o.short, o.long].filter((f): f is string => typeof f === 'string'),
    description: o.description,
    takesValue: o.required || o.optional,
    takesFile: FILE_VALUE.test(o.flags) || o.long === '--output',
  };
}

function visibleOptions(cmd: Command): OptionInfo[] {
  return cmd
    .createHelp()
    .visibleOptions(cmd)
    .filter((o) => o.long !== '--help' && o.long !== '--version')
    .map(optionInfo)
    .concat([{ flags: ['-h', '--help'], description: 'show help', takesValue: false, takesFile: false }]);
}

export function readCommandTree(program: Command): CommandTree {
  const commands = program
    .createHelp()
    .visibleCommands(program)
    .filter((c) => c.name() !== 'help')
    .map(
      (c): CommandInfo => ({
        name: c.name(),
        description: c.description(),
        options: visibleOptions(c),
        args: c.registeredArguments.map((a) => ({
          name: a.name(),
          variadic: a.variadic,
          choices: a.argChoices ?? [],
          envName: ENV_ARGUMENT.test(a.name()),
        })),
      }),
    );
  return { name: program.name(), globalOptions: visibleOptions(program).concat([{ flags: ['-V', '--version'], description: 'print the version', takesValue: false, takesFile: false }]), commands };
}

/** A description cut to its first clause, without the characters shells' completion syntaxes give a meaning to. */
export function shortDescription(text: string): string {
  const first = text.split(/[;(:]|, or | — /)[0]!.trim();
  const plain = first.replace(/[`'"[\]\\$]/g, '').replace(/\s+/g, ' ');
  return plain.length <= 70 ? plain : `${plain.slice(0, 70).replace(/\s+\S*$/, '')}…`;
}
