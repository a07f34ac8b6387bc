// The plan line under a recreate/remove that would lose own-layer changes: how many, which, and what apply will do.
import type { OwnLayerRisk } from '../../plan/plan-types.js';

export function formatOwnLayer(risk: OwnLayerRisk, command: 'apply' | 'destroy' = 'apply'): string {
  const what = `${risk.count} changed ${risk.count === 1 ? 'path' : 'paths'}`;
  const listed = `${risk.paths.join(', ')}${risk.count > risk.paths.length ? ', …' : ''}`;
  if (risk.policy === 'snapshot') return `keeps ${what} in a snapshot first: ${risk.snapshotTag ?? '?'} (${listed})`;
  if (risk.policy === 'discard') return `discards ${what} (on_recreate: discard): ${listed}`;
  if (command === 'destroy') return `would lose ${what}: ${listed} — destroy refuses (on_recreate: snapshot | discard, or destroy --discard-changes)`;
  return `would lose ${what}: ${listed} — apply refuses (on_recreate: snapshot | discard, or --discard-changes)`;
}
