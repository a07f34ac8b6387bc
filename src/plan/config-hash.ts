// The spec hash stored in a container's label: covers only recreate-forcing fields, so in-place updates keep it.
import type { CanonicalEnv } from '../fields/canonical-env.js';
import { ENV_FIELDS } from './env-fields.js';
import { stringifySorted } from '../base/stringify-sorted.js';
import { sha256Hex } from '../base/sha256.js';

/** sha256 (first 16 hex) of the recreate-forcing fields, independent of key and set order. */
export function specHash(env: CanonicalEnv): string {
  const fields: Record<string, unknown> = {};
  for (const f of ENV_FIELDS) if (f.hashed) fields[f.field] = f.value(env);
  return sha256Hex(stringifySorted(fields)).slice(0, 16);
}
