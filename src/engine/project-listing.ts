// Reads the one list call of a project: its environments' containers, and its lock (the lock carries the project
// label too, with role `lock`), so a no-op apply sees a dead holder's lock without another call.
import type { ProjectListing } from './engine.js';
import { isEnvContainerRole, LABEL_ROLE } from './labels.js';

export function toProjectListing(list: readonly { Id: string; Labels?: Record<string, string> | null }[]): ProjectListing {
  const lock = list.find((c) => c.Labels?.[LABEL_ROLE] === 'lock');
  return {
    containerIds: list.filter((c) => isEnvContainerRole(c.Labels)).map((c) => c.Id),
    lock: lock === undefined ? null : { id: lock.Id, labels: { ...lock.Labels } },
  };
}
