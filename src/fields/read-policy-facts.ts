// Walks the field table for what a shared server's policy reads of one environment (field-policy.ts): hazards, capped
// amounts, published host IPs, bind sources, images. The table says which field offers what; nothing here names one.
import type { CanonicalEnv } from './canonical-env.js';
import type { AnyField } from './field.js';
import type { Hazard, KeyedValue, Quantity } from './field-policy.js';
import { FIELDS } from './registry.js';

const TABLE: readonly AnyField[] = FIELDS;
const valueOf = (env: CanonicalEnv, field: AnyField): unknown => (env as unknown as Record<string, unknown>)[field.prop];

export interface PolicyFacts {
  hazards: Hazard[];
  amounts: { quantity: Quantity; key: string; value: number; shown: string }[];
  hostIps: KeyedValue<string>[];
  bindSources: KeyedValue<string>[];
  images: KeyedValue<string>[];
}

export function readPolicyFacts(env: CanonicalEnv): PolicyFacts {
  const facts: PolicyFacts = { hazards: [], amounts: [], hostIps: [], bindSources: [], images: [] };
  for (const field of TABLE) {
    const policy = field.policy;
    if (policy === undefined) continue;
    const value = valueOf(env, field);
    // Plans read back from JSON (fixtures, saved plans) may lack a field added later: nothing to read then.
    if (value === undefined) continue;
    facts.hazards.push(...(policy.hazards?.(value) ?? []));
    if (policy.amount) {
      facts.amounts.push({ quantity: policy.amount.quantity, key: policy.amount.key, value: policy.amount.of(value), shown: field.present.show(value) });
    }
    facts.hostIps.push(...(policy.hostIps?.(value) ?? []));
    facts.bindSources.push(...(policy.bindSources?.(value) ?? []));
    facts.images.push(...(policy.images?.(value) ?? []));
  }
  return facts;
}

/** Every spec key of the table: what a policy's `forbidden_fields` may name. */
export function specKeys(): string[] {
  return TABLE.flatMap((field) => Object.keys(field.keys)).sort();
}
