// Reads the own-layer changes of the containers a plan would recreate or remove — only those, so a no-op plan stays
// one list call plus inspects.
import type { ContainerChange, Engine } from '../engine/engine.js';

export async function readOwnLayerChanges(engine: Engine, containerIds: readonly string[]): Promise<Record<string, ContainerChange[]>> {
  const entries = await Promise.all(containerIds.map(async (id) => [id, await engine.containerChanges(id)] as const));
  return Object.fromEntries(entries);
}
