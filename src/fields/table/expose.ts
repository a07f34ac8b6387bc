// expose: ports exposed without publishing (7000, "7000/udp", "8000-8002"); a published port is not repeated here.
import { Type } from '@sinclair/typebox';
import type { Field } from '../field.js';
import { listFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { formatList } from '../present/format-value.js';
import { RECREATE } from '../rules.js';
import { text } from '../schema-parts.js';
import { compareExposed, parseExpose } from '../values/parse-expose.js';
import { refuse } from '../service/service-rules.js';

const keys = {
  expose: {
    get schema() {
      return Type.Array(
        Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.String()]),
        text('Ports exposed without publishing: 7000, "7000/udp", "8000-8002".', 'must be a list of ports such as 7000 or "7000/udp"'),
      );
    },
  },
};

export const expose: Field<'expose', string[], typeof keys> = {
  name: 'expose',
  prop: 'expose',
  keys,
  normalize: ({ expose }, ctx) => {
    const published = new Set((ctx.env.ports ?? []).map((p) => `${p.target}/${p.protocol}`));
    const exposed = new Set<string>();
    if (expose.value) {
      for (const item of ctx.items(expose.value)) {
        for (const key of ctx.report(item.path, parseExpose(item.value as number | string)) ?? []) if (!published.has(key)) exposed.add(key);
      }
    }
    return [...exposed].sort(compareExposed);
  },
  container: {
    create: (v, body) => {
      for (const key of v) body.ExposedPorts[key] = {};
    },
    observe: (i, ctx) => {
      const published = new Set(Object.keys(i.HostConfig?.PortBindings ?? {}));
      const fromImage = new Set(ctx.inherited?.expose ?? []);
      return Object.keys(i.Config?.ExposedPorts ?? {})
        .filter((k) => !published.has(k) && !fromImage.has(k))
        .sort(compareExposed);
    },
    inherited: (env, img) => {
      const mine = new Set([...env.expose, ...env.ports.map((p) => `${p.target}/${p.protocol}`)]);
      const keys = (img.exposedPorts ?? []).filter((k) => !mine.has(k)).sort();
      return keys.length > 0 ? { expose: keys } : {};
    },
  },
  service: refuse('services of a project reach each other on every port over its overlay network: remove expose, or publish with ports'),
  change: RECREATE,
  present: { show: formatList },
  import: { flags: [listFlag('expose', 'expose')], write: (v) => onlyIf(v.length > 0, 'expose', () => v.map((k) => k.replace(/\/tcp$/, ''))) },
};
