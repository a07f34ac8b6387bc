// The spec hash stored in a container's label: covers only the fields whose change always needs a new container, so
// in-place updates keep it.
import type { CanonicalEnv } from '../fields/canonical-env.js';
import type { AnyField } from '../fields/field.js';
import { FIELDS } from '../fields/registry.js';
import { stringifySorted } from '../base/stringify-sorted.js';
import { sha256Hex } from '../base/sha256.js';
import { comparable } from './diff-env.js';

const HASHED: readonly AnyField[] = (FIELDS as readonly AnyField[]).filter((f) => f.change.kind === 'recreate');

/** sha256 (first 16 hex) of the recreate-forcing fields, independent of key and set order. */
export function specHash(env: CanonicalEnv): string {
  const fields: Record<string, unknown> = {};
  for (const f of HASHED) fields[f.name] = comparable(env, f);
  return sha256Hex(stringifySorted(fields)).slice(0, 16);
}
