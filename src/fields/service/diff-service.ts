// Field-by-field difference between a service as observed and as desired, walking the table like the containers'
// diff (plan/diff-env.ts) but with no change rules: any change is one service update, Swarm rolls the tasks by
// deploy.update_config. `deploy` is listed part by part (`deploy.replicas: 2 → 3`), so a replica-only change (a
// scale) is recognizable by its field names.
import { stringifySorted } from '../../base/stringify-sorted.js';
import type { CanonicalEnv } from '../canonical-env.js';
import type { AnyField } from '../field.js';
import { FIELDS } from '../registry.js';
import { isMapping } from './service-rules.js';

const TABLE: readonly AnyField[] = FIELDS;

/** One changed field (or part of deploy), as plans show it; the same shape as plan-types' FieldChange. */
export interface ServiceFieldChange {
  field: string;
  from: string;
  to: string;
}

const valueOf = (env: CanonicalEnv, field: AnyField): unknown => (env as unknown as Record<string, unknown>)[field.prop];
const comparable = (env: CanonicalEnv, field: AnyField): string => {
  const value = valueOf(env, field);
  return stringifySorted(field.present.compare ? field.present.compare(value) : value);
};

/** Changes from `current` to `desired`, in the table's order; refused fields are at their defaults on both sides. */
export function diffService(current: CanonicalEnv, desired: CanonicalEnv): ServiceFieldChange[] {
  const changes: ServiceFieldChange[] = [];
  for (const f of TABLE) {
    if (!isMapping(f.service) || comparable(current, f) === comparable(desired, f)) continue;
    const from = valueOf(current, f);
    const to = valueOf(desired, f);
    if (f.present.details) changes.push(...f.present.details(from, to));
    else if (f.present.summarize) changes.push({ field: f.name, from: '', to: f.present.summarize(from, to) });
    else changes.push({ field: f.name, from: f.present.show(from), to: f.present.show(to) });
  }
  return changes;
}

/** Whether the changes are only the number of replicas (`docker service scale`), for a plan that says "scale". */
export const isScaleOnly = (changes: readonly ServiceFieldChange[]): boolean =>
  changes.length > 0 && changes.every((c) => c.field === 'deploy.replicas');
