// Reads the one list call of a project: its environments' containers, and its lock (the lock carries the project
// label too, with role `lock`), so a no-op apply sees a dead holder's lock without another call; and its services
// marker (role `services-marker`), so a spec without services still finds the services it no longer has.
import type { ProjectListing } from './engine.js';
import { isEnvContainerRole, LABEL_ROLE, ROLE_SERVICES_MARKER } from './labels.js';

export function toProjectListing(list: readonly { Id: string; Names?: string[]; Labels?: Record<string, string> | null }[]): ProjectListing {
  const lock = list.find((c) => c.Labels?.[LABEL_ROLE] === 'lock');
  const marker = list.find((c) => c.Labels?.[LABEL_ROLE] === ROLE_SERVICES_MARKER);
  return {
    containerIds: list.filter((c) => isEnvContainerRole(c.Labels)).map((c) => c.Id),
    lock: lock === undefined ? null : { id: lock.Id, labels: { ...lock.Labels } },
    servicesMarker: marker === undefined ? null : { id: marker.Id, name: (marker.Names?.[0] ?? '').replace(/^\//, '') },
  };
}
