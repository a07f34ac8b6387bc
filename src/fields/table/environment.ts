// environment (and `env_file`, `sensitive`): the container's variables. env_file files are read first, `environment`
// wins; a bare NAME takes the user's own value at apply (left out when unset, as docker does with `-e NAME`). Values may
// be secrets: a change is shown by key only; `sensitive:` and env_file names are marked for hiding in every output.
import { isAbsolute, resolve } from 'node:path';
import { describeReadError } from '../../base/read-input-file.js';
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatEnvironmentKeys } from '../present/format-value.js';
import { byString } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { ListOrDict, StringList, StringOrList } from '../schema-parts.js';
import { parseDotenv } from '../values/parse-dotenv.js';
import { entryNames } from '../values/value-checks.js';
import { environmentFlags } from './environment-flags.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  environment: {
    get schema() {
      return ListOrDict('Environment variables: map or ["K=V"] list; a bare K (or null) takes the value from your environment.');
    },
    check: entryNames('environment variable', { noNulInValues: true }),
  },
  env_file: {
    get schema() {
      return StringOrList('File(s) of KEY=value lines, relative to the spec; `environment` wins.');
    },
  },
  sensitive: {
    get schema() {
      return StringList('Names of environment variables whose values are secrets: (sensitive) in every output, refused in labels.');
    },
  },
};

const sorted = (map: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(map).sort(([a], [b]) => byString(a, b)));

const envKey = (entry: string): string => {
  const eq = entry.indexOf('=');
  return eq === -1 ? entry : entry.slice(0, eq);
};

export const environment: Field<'environment', Record<string, string>, typeof keys> = {
  name: 'environment',
  prop: 'environment',
  keys,
  normalize: ({ environment, env_file, sensitive }, ctx) => {
    const result: Record<string, string> = {};
    // env_file values and the names `sensitive:` lists (both layers: a secret stays one) are secrets.
    for (const layer of sensitive.layers) ctx.markSensitive?.(ctx.items(layer).map((item) => String(item.value)));
    if (env_file.value) {
      const files = typeof env_file.value.value === 'string' ? [env_file.value] : ctx.items(env_file.value);
      for (const file of files) {
        const name = String(file.value);
        const abs = isAbsolute(name) ? name : resolve(ctx.specDir, name);
        let text: string;
        try {
          text = ctx.readTextFile(abs);
        } catch (err) {
          const { reason, hint } = describeReadError(err);
          ctx.issue(file.path, `env_file "${name}" ${reason} (looked at ${abs})`, hint ?? 'paths are relative to the spec file');
          continue;
        }
        const parsed = parseDotenv(text);
        for (const error of parsed.errors) ctx.issue(file.path, `env_file "${name}" line ${error.line}: ${error.message}`);
        Object.assign(result, parsed.values);
        ctx.markSensitive?.(Object.keys(parsed.values));
      }
    }
    for (const source of environment.layers) {
      for (const entry of ctx.keyValues(source)) {
        const value = entry.value ?? ctx.vars[entry.key];
        if (value === undefined) {
          ctx.warn?.(entry.path, `${entry.key} is not set in your environment: left out`, `set ${entry.key} before running envctl, or give it a value here`, true);
          delete result[entry.key];
        } else result[entry.key] = value;
      }
    }
    // A misspelt name would leave the real secret unmarked: say so (only for the environment's own list).
    for (const item of sensitive.layers.filter((l) => l.path[0] !== 'defaults').flatMap((l) => ctx.items(l))) {
      if (!Object.hasOwn(result, String(item.value))) ctx.warn?.(item.path, `sensitive: ${String(item.value)} is not an environment variable of this environment`, 'check the spelling');
    }
    return sorted(result);
  },
  container: {
    create: (v, body) =>
      void (body.Env = Object.keys(v)
        .sort()
        .map((k) => `${k}=${v[k]}`)),
    observe: (i, ctx) => {
      const drop = new Set(ctx.inherited?.env ?? []);
      const entries: [string, string][] = [];
      for (const entry of i.Config?.Env ?? []) {
        const key = envKey(entry);
        if (drop.has(key)) continue;
        entries.push([key, entry.length > key.length ? entry.slice(key.length + 1) : '']);
      }
      return Object.fromEntries(entries.sort(([a], [b]) => byString(a, b)));
    },
    inherited: (env, img) => {
      const keys = [...new Set(img.env.map(envKey))].filter((k) => !(k in env.environment)).sort();
      return keys.length > 0 ? { env: keys } : {};
    },
  },
  // A service's Env holds only what it was sent (the image's ENV is merged in by each task's container).
  service: {
    create: (v, spec) =>
      void (containerSpec(spec).Env = Object.keys(v)
        .sort()
        .map((k) => `${k}=${v[k]}`)),
    observe: (spec) =>
      sorted(Object.fromEntries((containerSpec(spec).Env ?? []).map((entry) => [envKey(entry), entry.slice(envKey(entry).length + 1)]))),
  },
  change: RECREATE,
  present: { show: () => '', summarize: formatEnvironmentKeys },
  import: { flags: environmentFlags, serviceFlags: ['env', 'env-file'], write: (v) => onlyIf(Object.keys(v).length > 0, 'environment', () => ({ ...v })) },
};
