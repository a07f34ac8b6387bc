// Field-by-field difference between an observed and a desired environment, walking the field table: spec-facing
// names, human values, and whether each change needs a new container.
import type { CanonicalEnv } from '../fields/canonical-env.js';
import type { AnyField } from '../fields/field.js';
import { FIELDS } from '../fields/registry.js';
import type { UpdatePatch } from '../fields/update-patch.js';
import { stringifySorted } from '../base/stringify-sorted.js';
import type { FieldChange } from './plan-types.js';

const TABLE: readonly AnyField[] = FIELDS;

export interface EnvChange extends FieldChange {
  /** This change alone needs a new container. */
  forcesRecreate: boolean;
  /** The change renames the same container (container_name). */
  renames?: true;
  /** What `docker update` is sent for it, when it is made in place. */
  patch?: UpdatePatch;
}

const valueOf = (env: CanonicalEnv, field: AnyField): unknown => (env as unknown as Record<string, unknown>)[field.prop];

/** The value a field is compared by (sets sorted, so order never counts as a change). */
export const comparable = (env: CanonicalEnv, field: AnyField): unknown => {
  const value = valueOf(env, field);
  return field.present.compare ? field.present.compare(value) : value;
};

/**
 * Changes from `current` to `desired`, in the table's order. `state` is not compared here: the lifecycle comes from
 * the container's status, not its config. A field whose values must never be shown (environment) is summarized with
 * `from: ''` ("+API_KEY, ~PATH, -OLD").
 */
export function diffEnv(current: CanonicalEnv, desired: CanonicalEnv): EnvChange[] {
  const changes: EnvChange[] = [];
  for (const f of TABLE) {
    if (stringifySorted(comparable(current, f)) === stringifySorted(comparable(desired, f))) continue;
    const from = valueOf(current, f);
    const to = valueOf(desired, f);
    const shown = f.present.summarize ? { from: '', to: f.present.summarize(from, to) } : { from: f.present.show(from), to: f.present.show(to) };
    const rule = f.change;
    if (rule.kind === 'recreate') changes.push({ field: f.name, ...shown, forcesRecreate: true });
    else if (rule.kind === 'rename') changes.push({ field: f.name, ...shown, forcesRecreate: false, renames: true });
    else changes.push({ field: f.name, ...shown, forcesRecreate: rule.needsRecreate(from, to) !== null, patch: rule.patch(desired) });
  }
  return changes;
}

/** Strip the planner-only parts so a diff can go into an Action. */
export function toFieldChanges(changes: readonly EnvChange[]): FieldChange[] {
  return changes.map(({ field, from, to }) => ({ field, from, to }));
}
