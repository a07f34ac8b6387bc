// ulimits: resource limits ({memlock: -1, nofile: {soft: 1024, hard: 4096}}), sorted by name.
import { Type } from '@sinclair/typebox';
import type { Ulimit } from '../canonical-env.js';
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatUlimits } from '../present/format-value.js';
import { byString } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { text } from '../schema-parts.js';
import { parseUlimit } from '../values/parse-ulimits.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  ulimits: {
    get schema() {
      return Type.Record(
        Type.String(),
        Type.Union([Type.Integer(), Type.Object({ soft: Type.Integer(), hard: Type.Integer() }, { additionalProperties: false })], {
          errorMessage: 'must be a number or {soft, hard}',
        }),
        text('Resource limits, e.g. {memlock: -1, nofile: {soft: 1024, hard: 4096}}.'),
      );
    },
  },
};

export const ulimits: Field<'ulimits', Ulimit[], typeof keys> = {
  name: 'ulimits',
  prop: 'ulimits',
  keys,
  normalize: ({ ulimits }, ctx) => {
    const out: Ulimit[] = [];
    const field = ulimits.value;
    if (field && typeof field.value === 'object' && field.value !== null) {
      for (const [name, raw] of Object.entries(field.value)) {
        // At the key: the name (or the pair of limits under it) is what is wrong.
        const parsed = parseUlimit(name, raw);
        if (parsed.ok) out.push(parsed.value);
        else ctx.issue([...field.path, name], parsed.message, parsed.hint, true);
      }
    }
    return out.sort((a, b) => byString(a.name, b.name));
  },
  container: {
    create: (v, body) => void (body.HostConfig.Ulimits = v.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard }))),
    observe: (i) =>
      (i.HostConfig?.Ulimits ?? [])
        .map((u) => ({ name: u.Name ?? '', soft: u.Soft ?? 0, hard: u.Hard ?? 0 }))
        .sort((a, b) => byString(a.name, b.name)),
  },
  service: {
    create: (v, spec) => void (containerSpec(spec).Ulimits = v.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard }))),
    observe: (spec) =>
      (containerSpec(spec).Ulimits ?? []).map((u) => ({ name: u.Name, soft: u.Soft ?? 0, hard: u.Hard ?? 0 })).sort((a, b) => byString(a.name, b.name)),
  },
  change: RECREATE,
  present: { show: formatUlimits },
  import: {
    flags: [
      {
        name: 'ulimit',
        takesValue: true,
        apply: (d) => {
          const m = /^([a-z_]+)=(-?[0-9]+)(?::(-?[0-9]+))?$/.exec(d.value);
          if (!m) return d.fail(`"${d.value}" is not a ulimit`, 'e.g. nofile=1024:4096 or memlock=-1');
          const soft = Number(m[2]);
          const hard = m[3] === undefined ? soft : Number(m[3]);
          d.entry('ulimits', m[1] as string, soft === hard ? soft : { soft, hard });
        },
      },
    ],
    serviceFlags: ['ulimit'],
    write: (v) =>
      onlyIf(v.length > 0, 'ulimits', () => Object.fromEntries(v.map((u) => [u.name, u.soft === u.hard ? u.soft : { soft: u.soft, hard: u.hard }]))),
  },
};
