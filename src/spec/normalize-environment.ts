// One environment of the spec → its canonical form, by walking the field table: each field gets the raw values of the
// keys it owns (the environment's own, else `defaults`'; both for maps that merge), then the checks across fields run.
import type { CanonicalEnv, EnvStateName, PortBinding } from '../fields/canonical-env.js';
import type { AnyField, Located, NormalizeContext, RawInput } from '../fields/field.js';
import { FIELDS } from '../fields/registry.js';
import { checkServiceState, checkServiceValues, isService, refuseServiceField } from './check-service-fields.js';
import type { DataPath } from './locate-node.js';
import { refuseSecretsInLabels, sensitiveNames } from './sensitive-values.js';
import type { SpecValues } from './spec-values.js';

type Obj = Record<string, unknown>;

export interface RawSource {
  obj: Obj;
  path: DataPath;
}

/** What every environment of one spec shares. */
export interface SpecContext extends Pick<NormalizeContext, 'project' | 'specDir' | 'homeDir' | 'vars' | 'defaultHostIp' | 'readTextFile' | 'listDir'> {
  values: SpecValues;
}

export interface NormalizedEnvironment {
  env: CanonicalEnv;
  /** Host ports it publishes, for the checks across environments. */
  ports: { binding: PortBinding; path: DataPath }[];
  /** Where its container name comes from, for the check that names are unique. */
  containerNamePath: DataPath;
  /** Its environment variables whose values are secrets (see sensitive-values.ts). */
  sensitive: string[];
}

const TABLE: readonly AnyField[] = FIELDS;
const NOTHING: RawInput<unknown> = { value: undefined, layers: [] };

/** The environment's own value of a key, else the defaults'; undefined when neither writes it or it was reported. */
export function pickRaw(key: string, own: RawSource, defaults: RawSource | undefined, values: SpecValues): Located<unknown> | undefined {
  for (const src of defaults ? [own, defaults] : [own]) {
    if (!(key in src.obj)) continue;
    const path = [...src.path, key];
    // A reported value is skipped outright: falling back to defaults would hide the mistake behind a value not written here.
    return values.whole(path, src.obj[key]) ? { value: src.obj[key], path } : undefined;
  }
  return undefined;
}

function rawInput(key: string, own: RawSource, defaults: RawSource | undefined, values: SpecValues): RawInput<unknown> {
  const layers = (defaults ? [defaults, own] : [own])
    .filter((src) => key in src.obj && values.whole([...src.path, key], src.obj[key]))
    .map((src) => ({ value: src.obj[key], path: [...src.path, key] }));
  return { value: pickRaw(key, own, defaults, values), layers };
}

export function normalizeEnvironment(name: string, own: RawSource, defaults: RawSource | undefined, spec: SpecContext): NormalizedEnvironment {
  const { values } = spec;
  const pathOf = (key: string): DataPath | null =>
    key in own.obj ? [...own.path, key] : defaults && key in defaults.obj ? [...defaults.path, key] : null;
  const state = pickRaw('state', own, defaults, values);
  const env: Record<string, unknown> = { project: spec.project, name, state: (state ? String(state.value) : 'running') as EnvStateName };
  const ports: NormalizedEnvironment['ports'] = [];
  const marked = new Set<string>();
  const ctx: NormalizeContext = {
    issue: (path, message, hint, atKey) => values.issue(path, message, hint, atKey),
    warn: (path, message, hint, atKey) => values.warn(path, message, hint, atKey),
    markSensitive: (names) => names.forEach((n) => marked.add(n)),
    report: (path, parsed) => values.report(path, parsed),
    items: (located) => values.items(located),
    keyValues: (located) => values.keyValues(located),
    where: (path, atKey) => values.where(path, atKey),
    pathOf,
    env: env as Partial<CanonicalEnv>,
    project: spec.project,
    envName: name,
    specDir: spec.specDir,
    homeDir: spec.homeDir,
    vars: spec.vars,
    defaultHostIp: spec.defaultHostIp,
    readTextFile: (p) => spec.readTextFile(p),
    listDir: (p) => spec.listDir(p),
    claimPort: (binding, path) => ports.push({ binding, path }),
  };
  for (const field of TABLE) {
    // `deploy` comes first: a field a service cannot carry is reported and left at its default.
    const refused = isService(env) && refuseServiceField(field, own, ctx);
    const inputs = Object.fromEntries(Object.keys(field.keys).map((key) => [key, refused ? NOTHING : rawInput(key, own, defaults, values)]));
    env[field.prop] = field.normalize(inputs, ctx);
  }
  const done = env as unknown as CanonicalEnv;
  for (const field of TABLE) field.check?.(done, ctx);
  if (isService(env)) {
    checkServiceValues(TABLE, done, ctx);
    checkServiceState(state, ctx);
  }
  const sensitive = sensitiveNames(done.environment, marked);
  refuseSecretsInLabels(done, sensitive, pathOf('labels'), values);
  return { env: done, ports, containerNamePath: pathOf('container_name') ?? own.path, sensitive };
}
