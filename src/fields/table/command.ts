// command: the container's command (Cmd); a string is split like a shell. null or [] = the image's CMD.
import { Type } from '@sinclair/typebox';
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatOptionalList } from '../present/format-value.js';
import { RECREATE } from '../rules.js';
import { text } from '../schema-parts.js';
import { parseCommand } from '../values/parse-command.js';
import { argumentWords } from '../values/value-checks.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  command: {
    get schema() {
      return Type.Union(
        [Type.String(), Type.Array(Type.String()), Type.Null()],
        text('Command: a string (split like a shell) or a list.', 'must be a string or a list of strings'),
      );
    },
    check: argumentWords('a command word'),
  },
};

export const command: Field<'command', string[] | null, typeof keys> = {
  name: 'command',
  prop: 'command',
  keys,
  normalize: ({ command }, ctx) => {
    const argv = command.value ? (ctx.report(command.value.path, parseCommand(command.value.value)) ?? null) : null;
    // The engine stores `Cmd: []` as no command at all (then the image's applies), so `[]` means "image default".
    return argv !== null && argv.length === 0 ? null : argv;
  },
  container: {
    create: (v, body) => {
      if (v !== null) body.Cmd = [...v];
    },
    observe: (i, ctx) => (ctx.inherited?.cmd ? null : (i.Config?.Cmd ?? null)),
    // The daemon takes the image CMD only when no entrypoint was given (an empty list counts as none) and no command.
    inherited: (env, img) => {
      const noEntrypoint = env.entrypoint === null || env.entrypoint.length === 0;
      const noCommand = env.command === null || env.command.length === 0;
      return noEntrypoint && noCommand && img.cmd !== null && img.cmd.length > 0 ? { cmd: true } : {};
    },
  },
  // A service's Args are what follows the image (a container's Cmd); none: the image's CMD.
  service: {
    create: (v, spec) => {
      if (v !== null) containerSpec(spec).Args = [...v];
    },
    observe: (spec) => (containerSpec(spec).Args?.length ? [...(containerSpec(spec).Args ?? [])] : null),
  },
  change: RECREATE,
  present: { show: formatOptionalList },
  // The command is what follows the image on the line: the import feature reads it, not a flag.
  import: { flags: [], write: (v) => onlyIf(v !== null, 'command', () => [...(v ?? [])]) },
};
