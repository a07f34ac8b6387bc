// What differs between a service as it runs and as the spec says: the field diff over the fields a service carries,
// `deploy:` shown part by part (`deploy.replicas 2 → 3`), and the cause a person reads ("scale 2 → 3").
import type { CanonicalEnv } from '../fields/canonical-env.js';
import type { AnyField } from '../fields/field.js';
import { FIELDS } from '../fields/registry.js';
import { stringifySorted } from '../base/stringify-sorted.js';
import { comparable } from './diff-env.js';
import type { FieldChange } from './plan-types.js';
import { mapsOntoService } from './service-config.js';

const TABLE: readonly AnyField[] = FIELDS;

const valueOf = (env: CanonicalEnv, f: AnyField): unknown => (env as unknown as Record<string, unknown>)[f.prop];

export function diffService(current: CanonicalEnv, desired: CanonicalEnv): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const f of TABLE) {
    if (!mapsOntoService(f)) continue;
    if (stringifySorted(comparable(current, f)) === stringifySorted(comparable(desired, f))) continue;
    const from = valueOf(current, f);
    const to = valueOf(desired, f);
    if (f.present.details) changes.push(...f.present.details(from, to));
    else if (f.present.summarize) changes.push({ field: f.name, from: '', to: f.present.summarize(from, to) });
    else changes.push({ field: f.name, from: f.present.show(from), to: f.present.show(to) });
  }
  return changes;
}

/** "scale 2 → 3" for a replica change alone; otherwise the fields that changed, the replica change said with them. */
export function serviceUpdateCause(changes: readonly FieldChange[]): string {
  const scale = changes.find((c) => c.field === 'deploy.replicas');
  const scaling = scale === undefined ? '' : `scale ${scale.from} → ${scale.to}`;
  const others = changes.filter((c) => c !== scale);
  if (others.length === 0) return scaling;
  const what = `${[...new Set(others.map((c) => c.field))].join(', ')} changed: rolling update`;
  return scaling === '' ? what : `${scaling}; ${what}`;
}
