// A fingerprint of what was observed, so apply can tell whether the engine changed between plan and apply.
import { hashText } from '../base/hash-text.js';
import type { ObservedContainer } from '../engine/engine.js';
import { stringifySorted } from '../base/stringify-sorted.js';

/**
 * A hash (not a cryptographic one: it only tells a change apart) over the containers' (id, status, specHash, config),
 * sorted by id so list order does not matter. Environment values are left out (only their names count): the
 * fingerprint is printed, values may be secrets, and a container's environment cannot change without a new id.
 */
export function fingerprintObserved(containers: readonly ObservedContainer[]): string {
  const rows = [...containers]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => ({ id: c.id, status: c.status, specHash: c.specHash, config: { ...c.config, environment: Object.keys(c.config.environment) } }));
  return hashText(stringifySorted(rows));
}
