// labels: the container's own labels ({K: V} or ["K=V"], merged with defaults); keys under dev.envctl. are envctl's.
import type { Field, Located, NormalizeContext } from '../field.js';
import type { FlagMapping } from '../flag-mapping.js';
import { LABEL_PREFIX } from '../../base/label-prefix.js';
import { onlyIf } from '../only-if.js';
import { formatMap } from '../present/format-value.js';
import { byString } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { ListOrDict } from '../schema-parts.js';
import { entryNames } from '../values/value-checks.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  labels: {
    get schema() {
      return ListOrDict('Labels on the container (keys under dev.envctl. are reserved).');
    },
    check: entryNames('label'),
  },
};

const sorted = (entries: Iterable<[string, string]>): Record<string, string> => Object.fromEntries([...entries].sort(([a], [b]) => byString(a, b)));

/** Labels from `{K: V}` maps or `["K=V"]` lists, later ones winning; keys under dev.envctl. are refused. */
export function readLabels(layers: readonly Located<unknown>[], ctx: Pick<NormalizeContext, 'keyValues' | 'issue'>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const source of layers) {
    for (const entry of ctx.keyValues(source)) {
      if (entry.key.startsWith(LABEL_PREFIX)) {
        ctx.issue(
          entry.path,
          `label \`${entry.key}\` uses the prefix \`${LABEL_PREFIX}\`, which envctl reserves for itself`,
          'choose another label name',
          true,
        );
        continue;
      }
      result[entry.key] = entry.value ?? '';
    }
  }
  return sorted(Object.entries(result));
}

/** `--label k=v` (a bare `k`: an empty value), as docker run and docker service create's --container-label read it. */
const labelFlag = (name: string, short?: string): FlagMapping => ({
  name,
  ...(short === undefined ? {} : { short }),
  takesValue: true,
  apply: (d) => {
    const eq = d.value.indexOf('=');
    d.entry('labels', eq === -1 ? d.value : d.value.slice(0, eq), eq === -1 ? '' : d.value.slice(eq + 1));
  },
});

export const labels: Field<'labels', Record<string, string>, typeof keys> = {
  name: 'labels',
  prop: 'labels',
  keys,
  normalize: ({ labels }, ctx) => readLabels(labels.layers, ctx),
  container: {
    create: (v, body) => void (body.Labels = { ...sorted(Object.entries(v)), ...body.Labels }),
    observe: (i, ctx) => {
      const drop = new Set(ctx.inherited?.labels ?? []);
      return sorted(Object.entries(i.Config?.Labels ?? {}).filter(([k]) => !k.startsWith(LABEL_PREFIX) && !drop.has(k)));
    },
    inherited: (env, img) => {
      const keys = Object.keys(img.labels)
        .filter((k) => !(k in env.labels) && !k.startsWith(LABEL_PREFIX))
        .sort();
      return keys.length > 0 ? { labels: keys } : {};
    },
  },
  // The container's labels (deploy.labels are the service's own); envctl's, under dev.envctl., are not the spec's.
  service: {
    create: (v, spec) => void (containerSpec(spec).Labels = { ...sorted(Object.entries(v)), ...containerSpec(spec).Labels }),
    observe: (spec) => sorted(Object.entries(containerSpec(spec).Labels ?? {}).filter(([k]) => !k.startsWith(LABEL_PREFIX))),
  },
  change: RECREATE,
  // Labels are not secret (SPEC keeps secrets out of labels), so their values are shown.
  present: { show: formatMap },
  import: {
    flags: [
      labelFlag('label', 'l'),
      {
        name: 'label-file',
        takesValue: true,
        apply: (d) => {
          // Labels are not secrets: they are copied into the spec, as docker copies them into the container.
          for (const raw of d.readFile(d.path(d.value)).split(/\r?\n/)) {
            const line = raw.trimStart();
            if (line === '' || line.startsWith('#')) continue;
            const eq = line.indexOf('=');
            d.entry('labels', eq === -1 ? line : line.slice(0, eq), eq === -1 ? '' : line.slice(eq + 1));
          }
        },
      },
    ],
    // docker service create's --label (-l) labels the service itself: that is deploy.labels.
    serviceFlags: [labelFlag('container-label')],
    write: (v) => onlyIf(Object.keys(v).length > 0, 'labels', () => ({ ...v })),
  },
};
