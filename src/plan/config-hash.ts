// The spec hash stored in a container's label: covers only recreate-forcing fields, so in-place updates keep it.
import { createRequire } from 'node:module';
import type { CanonicalEnv } from '../spec/canonical-env.js';
import { ENV_FIELDS } from './env-fields.js';
import { stringifySorted } from './stringify-sorted.js';

// node:crypto is required on first use (~4 ms to load): a plan without a create or recreate never needs it.
let crypto: typeof import('node:crypto') | undefined;
const sha256Hex = (text: string): string => {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(text).digest('hex');
};

/** sha256 (first 16 hex) of the recreate-forcing fields, independent of key and set order. */
export function specHash(env: CanonicalEnv): string {
  const fields: Record<string, unknown> = {};
  for (const f of ENV_FIELDS) if (f.hashed) fields[f.field] = f.value(env);
  return sha256Hex(stringifySorted(fields)).slice(0, 16);
}
