// An environment with every field at the engine's default: what each field of the table normalizes to when the
// spec leaves it out (tests and import start from it; "omitted = the engine's default"; a service's refused fields).
import type { CanonicalEnv } from './canonical-env.js';
import type { AnyField, NormalizeContext } from './field.js';
import { FIELDS } from './registry.js';

/** A normalize context that reads nothing and reports nothing, filling `env` as fields are normalized. */
export function silentContext(project: string, name: string, env: Record<string, unknown>): NormalizeContext {
  return {
    issue: () => undefined,
    report: (_path, parsed) => (parsed.ok ? parsed.value : undefined),
    items: () => [],
    keyValues: () => [],
    pathOf: () => null,
    where: () => '',
    env: env as Partial<CanonicalEnv>,
    project,
    envName: name,
    specDir: '/',
    homeDir: '/',
    vars: {},
    defaultHostIp: '0.0.0.0',
    readTextFile: () => '',
    listDir: () => [],
    claimPort: () => undefined,
  };
}

/** The field's value when the spec leaves all its keys out. */
export const normalizeFromNothing = (field: AnyField, ctx: NormalizeContext): unknown =>
  field.normalize(Object.fromEntries(Object.keys(field.keys).map((k) => [k, { value: undefined, layers: [] }])), ctx);

export function defaultEnv(project: string, name: string, image: string, overrides: Partial<CanonicalEnv> = {}): CanonicalEnv {
  const env: Record<string, unknown> = { project, name, state: 'running' };
  const silent = silentContext(project, name, env);
  for (const field of FIELDS as readonly AnyField[]) env[field.prop] = normalizeFromNothing(field, silent);
  return { ...(env as unknown as CanonicalEnv), image, ...overrides };
}
