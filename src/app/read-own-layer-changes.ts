// Reads the own-layer changes of the containers a plan would recreate or remove — only those, so a no-op plan stays
// one list call plus inspects.
import type { Engine } from '../engine/engine.js';
import { readOwnLayer } from '../features/snapshot/read-own-layer.js';
import type { ObservedState } from '../plan/observed-state.js';

/** Fills `observed.ownLayerChanges` for these containers, and their engine paths with the real paths found. */
export async function readOwnLayerChanges(engine: Engine, observed: ObservedState, containerIds: readonly string[]): Promise<void> {
  const entries = await Promise.all(
    containerIds.map(async (id) => {
      const container = observed.containers.find((c) => c.id === id);
      if (container === undefined) return [id, await engine.containerChanges(id)] as const;
      const { changes, enginePaths } = await readOwnLayer(engine, container);
      container.enginePaths = enginePaths;
      return [id, changes] as const;
    }),
  );
  observed.ownLayerChanges = Object.fromEntries(entries);
}
