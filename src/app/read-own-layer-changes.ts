// Reads the own-layer changes of the containers a plan would recreate or remove — only those, so a no-op plan stays
// one list call plus inspects.
import type { ContainerChange, Engine } from '../engine/engine.js';
import { withoutSshInstall } from '../features/ssh/managed-paths.js';

export async function readOwnLayerChanges(engine: Engine, containerIds: readonly string[]): Promise<Record<string, ContainerChange[]>> {
  // An sshd that envctl installed (ssh.install: auto) is envctl's doing, not the user's work.
  const entries = await Promise.all(containerIds.map(async (id) => [id, await withoutSshInstall(engine, id, await engine.containerChanges(id))] as const));
  return Object.fromEntries(entries);
}
