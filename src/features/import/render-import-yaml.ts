// Writes an imported environment as YAML: a new spec of its own, or merged into an existing spec's text with the yaml
// Document API so every other environment, key order and comment of that file stays as it was.
import { Document, isMap, isScalar, isSeq, parseDocument, visit, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { EnvctlError } from '../../errors/envctl-error.js';
import { looksSecret } from '../../fields/values/looks-secret.js';
import { EnvironmentSchema } from '../../spec/schema.js';
import type { ImportedEnvironment } from './map-run-to-environment.js';

/** Lists that read best on one line. */
const FLOW_LISTS = new Set([
  ...['command', 'entrypoint', 'dns', 'dns_search', 'cap_add', 'cap_drop', 'group_add', 'security_opt', 'expose'],
  ...['gpus', 'device_ids', 'capabilities', 'test', 'sensitive'],
]);
const HEADER = ' Imported by `envctl import`. Check it with `envctl validate`, preview with `envctl plan`.';

/** Fields in the schema's order (image first, as people read a spec; `deploy:` last, as Compose files put it). */
function orderFields(fields: Record<string, unknown>): Record<string, unknown> {
  const order = Object.keys(EnvironmentSchema.properties);
  const rank = (k: string) => (k === 'deploy' ? order.length + 1 : order.indexOf(k) === -1 ? order.length : order.indexOf(k));
  const keys = Object.keys(fields).sort((a, b) => rank(a) - rank(b));
  const first: string[] = keys.filter((k) => k === 'container_name' || k === 'image');
  return Object.fromEntries([...first, ...keys.filter((k) => !first.includes(k))].map((k) => [k, fields[k]]));
}

function buildEnvironmentPair(doc: Document, env: ImportedEnvironment): Pair<Scalar, YAMLMap> {
  const node = doc.createNode(orderFields(env.fields)) as YAMLMap;
  visit(node, {
    Pair(_key, pair) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (FLOW_LISTS.has(key) && isSeq(pair.value) && pair.value.items.every((i) => isScalar(i))) pair.value.flow = true;
    },
  });
  // A bare `-e NAME` reads NAME from the environment of whoever applies the spec, as docker run read it from yours.
  const environment = node.get('environment');
  if (isMap(environment)) {
    for (const item of environment.items) {
      if (!isScalar(item.value) || item.value.value !== null) continue;
      const name = isScalar(item.key) ? String(item.key.value) : '';
      item.value.comment = env.withheld?.includes(name)
        ? ` value not copied from ${env.withheldFrom ?? 'the container'} (${looksSecret(name) ? 'the name looks secret' : 'its spec marked it secret'}): set ${name} in your environment when you apply`
        : ' taken from your environment when applied';
    }
  }
  // `$` starts a ${VAR} in a spec; what docker took literally must stay literal, so it is written as `$$`.
  visit(node, {
    Scalar(_key, scalar) {
      if (typeof scalar.value === 'string' && scalar.value.includes('$')) {
        scalar.value = scalar.value.replaceAll('$', '$$$$');
        scalar.type = 'QUOTE_DOUBLE';
      }
    },
  });
  const pair = doc.createPair(env.key, node) as Pair<Scalar, YAMLMap>;
  if (env.notes.length > 0) pair.key.commentBefore = env.notes.map((n) => ` ${n}`).join('\n');
  return pair;
}

/** A complete spec holding this one environment. */
export function renderNewSpec(env: ImportedEnvironment, project?: string): string {
  const doc = new Document({ version: 1, ...(project === undefined ? {} : { project }), environments: {} });
  doc.commentBefore = HEADER;
  (doc.get('environments') as YAMLMap).items.push(buildEnvironmentPair(doc, env));
  return doc.toString({ lineWidth: 0 });
}

export interface MergeResult {
  text: string;
  /** An environment of that key was there before and was replaced. */
  replaced: boolean;
}

/**
 * Adds the environment to an existing spec, or replaces the one with the same key; the rest of the text is kept. An
 * empty file becomes a new spec (with `project` when given).
 */
export function mergeIntoSpec(existing: string, env: ImportedEnvironment, file: string, project?: string): MergeResult {
  const doc = parseDocument(existing, { keepSourceTokens: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    throw new EnvctlError('spec-invalid', `${file} is not valid YAML (${first?.message.split('\n')[0] ?? 'parse error'}); nothing was written`, {
      hint: 'fix it (envctl validate shows where) or write the import to a new file with -o',
    });
  }
  if (doc.contents === null) return { text: renderNewSpec(env, project), replaced: false };
  if (!isMap(doc.contents)) throw new EnvctlError('spec-invalid', `${file} is not a spec (its top level is not a map); nothing was written`);
  let envs = doc.get('environments');
  if (envs === undefined || envs === null) {
    doc.set('environments', doc.createNode({}));
    envs = doc.get('environments');
  }
  if (!isMap(envs)) throw new EnvctlError('spec-invalid', `\`environments\` in ${file} is not a map; nothing was written`);
  // `environments: {}` is a flow map; an environment inside it would put the whole block on one line.
  envs.flow = false;
  const pair = buildEnvironmentPair(doc, env);
  const index = envs.items.findIndex((item) => isScalar(item.key) && String(item.key.value) === env.key);
  if (index === -1) envs.items.push(pair);
  else envs.items[index] = pair;
  return { text: doc.toString({ lineWidth: 0 }), replaced: index !== -1 };
}
