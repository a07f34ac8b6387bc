// Writes a canonical environment (what observe reads from a live container) as the spec keys a person would write,
// leaving out every engine default, so `envctl import --from-container` gives the smallest spec that recreates it.
import { ENGINE_DEFAULTS, type CanonicalEnv } from '../../fields/canonical-env.js';
import type { AnyField } from '../../fields/field.js';
import { FIELDS } from '../../fields/registry.js';

export { specPort as formatPort, specSize as formatSize } from '../../fields/present/spec-values.js';

const TABLE: readonly AnyField[] = FIELDS;

/** The canonical properties this version writes: every field of the table, and the state; a test keeps it whole. */
export const WRITTEN_FIELDS: readonly string[] = ['project', 'name', 'state', ...TABLE.map((f) => f.prop)];

export function canonicalToFields(env: CanonicalEnv): Record<string, unknown> {
  const values = env as unknown as Record<string, unknown>;
  // Identity: the key under `environments:` and the project come from where the spec is written.
  const out: Record<string, unknown> = {};
  // A service carries no field its target refuses (container_name, restart …): those hold their defaults, unwritten.
  const service = env.deploy !== null;
  for (const field of TABLE) {
    if (service && 'refuse' in field.service) continue;
    Object.assign(out, field.import.write(values[field.prop], env));
  }
  if (env.state !== ENGINE_DEFAULTS.state) out.state = env.state;
  return out;
}
