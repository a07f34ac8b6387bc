// Topological order of plan actions that keeps the planner's base order wherever dependencies allow it.
import type { Action } from './plan-types.js';

export interface SortedActions {
  sorted: Action[];
  /** Actions caught in a dependency cycle (or waiting on one); they cannot be run. */
  stuck: Action[];
}

/**
 * Kahn's algorithm, always taking the earliest ready action in base order, so the result is deterministic and
 * equals the base order when it is already valid. Dependencies on ids not in the list are ignored (already done).
 */
export function sortActions(actions: readonly Action[]): SortedActions {
  const ids = new Set(actions.map((a) => a.id));
  const done = new Set<string>();
  const remaining = [...actions];
  const sorted: Action[] = [];
  for (;;) {
    const index = remaining.findIndex((a) => a.dependsOn.every((d) => done.has(d) || !ids.has(d)));
    if (index === -1) break;
    const [next] = remaining.splice(index, 1);
    if (next === undefined) break;
    sorted.push(next);
    done.add(next.id);
  }
  return { sorted, stuck: remaining };
}
