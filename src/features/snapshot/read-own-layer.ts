// Reads one container's own-layer changes as the data-safety checks need them: without what envctl's sshd install
// changed, and with the real paths of what the engine itself put there.
import type { ContainerChange, EnginePaths, Engine, ObservedContainer } from '../../engine/engine.js';
import { withoutSshInstall } from '../ssh/ssh-install-record.js';
import { resolveEnginePaths } from './resolve-engine-paths.js';
import { enginePathsOf } from '../../plan/significant-changes.js';

export async function readOwnLayer(engine: Engine, container: ObservedContainer): Promise<{ changes: ContainerChange[]; enginePaths: EnginePaths }> {
  // An sshd that envctl installed (ssh.install: auto) is envctl's doing, not the user's work.
  const changes = await withoutSshInstall(engine, container.id, await engine.containerChanges(container.id));
  return { changes, enginePaths: await resolveEnginePaths(engine, container.id, enginePathsOf(container), changes) };
}
