// The record of what an `install: auto` sshd install changed in a container's own layer (written right after the
// install), so data safety tells those changes apart from the user's work.
import { hasContainerFiles } from '../../engine/container-files.js';
import type { ContainerChange } from '../../engine/engine.js';
import { SSH_INSTALLED_PATHS_FILE } from '../../fields/ssh/managed-paths.js';

/** The install's own changes, from the engine's change list taken right after it (envctl's own folder excluded). */
export function installedPaths(changes: readonly ContainerChange[]): string[] {
  return changes
    .map((c) => c.path)
    .filter((p) => p !== '/etc/envctl' && !p.startsWith('/etc/envctl/'))
    .sort();
}

/** Parses the recorded file into exact-path globs. */
function parseInstalledPaths(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('/'));
}

/**
 * The container's changes without those the recorded sshd install made (for data safety: they are not the user's
 * work). Costs one extra read, and only for a container that has the record.
 */
export async function withoutSshInstall(engine: object, id: string, changes: ContainerChange[]): Promise<ContainerChange[]> {
  if (!changes.some((c) => c.path === SSH_INSTALLED_PATHS_FILE) || !hasContainerFiles(engine)) return changes;
  const text = (await engine.readContainerFile(id, SSH_INSTALLED_PATHS_FILE))?.toString('utf8') ?? '';
  const installed = new Set(parseInstalledPaths(text));
  return changes.filter((c) => !installed.has(c.path));
}
