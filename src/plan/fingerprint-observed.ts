// A fingerprint of what was observed, so apply can tell whether the engine changed between plan and apply.
import { hashText } from '../base/hash-text.js';
import type { ObservedContainer } from '../engine/engine.js';
import { stringifySorted } from '../base/stringify-sorted.js';
import type { ObservedService } from '../engine/engine.js';

/** A hash (not a cryptographic one: it only tells a change apart) over the containers' (id, status, specHash, config) and the services' (id, version), sorted by id so list order does not matter. */
export function fingerprintObserved(containers: readonly ObservedContainer[], services: readonly ObservedService[] = []): string {
  const rows = [...containers]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((c) => ({ id: c.id, status: c.status, specHash: c.specHash, config: c.config }));
  // A service's version index moves with every change made to it.
  const serviceRows = services.map((s) => ({ id: s.id, version: s.version })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return hashText(stringifySorted(serviceRows.length === 0 ? rows : { rows, serviceRows }));
}
