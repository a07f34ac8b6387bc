// Plan warnings for bind mounts whose source is missing on the engine's machine, for the containers this plan makes:
// docker would create an empty root-owned directory there instead of failing. Pure: the facts come from observe.
import type { Action } from './plan-types.js';

export function bindSourceWarnings(actions: readonly Action[], missing: readonly string[] | undefined): string[] {
  if (missing === undefined || missing.length === 0) return [];
  const absent = new Set(missing);
  return actions.flatMap((a) => {
    if (a.kind !== 'create' && a.kind !== 'recreate') return [];
    return a.env.mounts.flatMap((m) =>
      m.type === 'bind' && absent.has(m.source)
        ? [`${a.resource} mounts ${m.source}, which does not exist: docker would create it as an empty directory owned by root (even if a file was meant)`]
        : [],
    );
  });
}
