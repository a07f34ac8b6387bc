// Field-by-field difference between an observed and a desired environment, with spec-facing names and human values.
import type { CanonicalEnv } from '../fields/canonical-env.js';
import type { FieldChange } from './plan-types.js';
import { ENV_FIELDS } from './env-fields.js';
import { formatEnvironmentKeys } from '../fields/present/format-value.js';
import { stringifySorted } from '../base/stringify-sorted.js';

export interface EnvChange extends FieldChange {
  /** This change alone needs a new container. */
  forcesRecreate: boolean;
}

/**
 * Changes from `current` to `desired`, in the table's field order. `state` is not compared here: the lifecycle
 * comes from the container's status, not its config. The `environment` change is a key summary with `from: ''`
 * ("+API_KEY, ~PATH, -OLD"), because values may be secrets.
 */
export function diffEnv(current: CanonicalEnv, desired: CanonicalEnv): EnvChange[] {
  const changes: EnvChange[] = [];
  for (const f of ENV_FIELDS) {
    if (stringifySorted(f.value(current)) === stringifySorted(f.value(desired))) continue;
    const forcesRecreate = f.forcesRecreate(current, desired);
    if (f.field === 'environment') {
      changes.push({ field: f.field, from: '', to: formatEnvironmentKeys(current.environment, desired.environment), forcesRecreate });
    } else {
      changes.push({ field: f.field, from: f.show(current), to: f.show(desired), forcesRecreate });
    }
  }
  return changes;
}

/** Strip the planner-only flag so a diff can go into an Action. */
export function toFieldChanges(changes: readonly EnvChange[]): FieldChange[] {
  return changes.map(({ field, from, to }) => ({ field, from, to }));
}
