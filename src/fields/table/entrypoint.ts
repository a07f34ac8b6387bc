// entrypoint: the container's entrypoint; a string is split like a shell; null = the image's ENTRYPOINT.
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
  entrypoint: {
    get schema() {
      return Type.Union(
        [Type.String(), Type.Array(Type.String()), Type.Null()],
        text('Entrypoint: a string (split like a shell) or a list.', 'must be a string or a list of strings'),
      );
    },
    check: argumentWords('an entrypoint word'),
  },
};

export const entrypoint: Field<'entrypoint', string[] | null, typeof keys> = {
  name: 'entrypoint',
  prop: 'entrypoint',
  keys,
  normalize: ({ entrypoint }, ctx) => (entrypoint.value ? (ctx.report(entrypoint.value.path, parseCommand(entrypoint.value.value)) ?? null) : null),
  container: {
    create: (v, body) => {
      if (v !== null) body.Entrypoint = [...v];
    },
    observe: (i, ctx) => (ctx.inherited?.entrypoint ? null : (i.Config?.Entrypoint ?? null)),
    inherited: (env, img) => (env.entrypoint === null && img.entrypoint !== null && img.entrypoint.length > 0 ? { entrypoint: true } : {}),
  },
  // A service's Command is the entrypoint (docker run's --entrypoint); none: the image's ENTRYPOINT.
  service: {
    create: (v, spec) => {
      if (v !== null) containerSpec(spec).Command = [...v];
    },
    observe: (spec) => (containerSpec(spec).Command?.length ? [...(containerSpec(spec).Command ?? [])] : null),
  },
  change: RECREATE,
  present: { show: formatOptionalList },
  import: {
    // docker makes the whole value one argv element (an empty one resets the image's entrypoint).
    flags: [{ name: 'entrypoint', takesValue: true, apply: (d) => d.set('entrypoint', [d.value]) }],
    // docker service create splits it like a shell; nothing at all (`--entrypoint ""`) keeps the image's.
    serviceFlags: [
      {
        name: 'entrypoint',
        takesValue: true,
        apply: (d) => {
          const words = d.check(parseCommand(d.value)) ?? [];
          if (words.length > 0) d.set('entrypoint', words);
        },
      },
    ],
    write: (v) => onlyIf(v !== null, 'entrypoint', () => [...(v ?? [])]),
  },
};
