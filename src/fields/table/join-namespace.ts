// ipc and network_mode may join another container's namespace (`container:<name>`): the engine stores the other
// container's id, so the name asked for is kept in a label and read back from it.
import type { ContainerCreateBody, ContainerInspectJson } from '../container-json.js';
import { decodeNamespaces, LABEL_NAMESPACES, nameJoinedMode, type JoinedNamespaces } from '../namespace-label.js';

/** Records the joined container's name for `kind` in the namespaces label (nothing when the mode joins none). */
export function recordJoined(body: ContainerCreateBody, kind: keyof JoinedNamespaces, mode: string): void {
  if (!mode.startsWith('container:')) return;
  const current = decodeNamespaces(body.Labels[LABEL_NAMESPACES]);
  body.Labels[LABEL_NAMESPACES] = JSON.stringify({ ...current, [kind]: mode.slice('container:'.length) });
}

/** `container:<id>` back to `container:<name>` when the label says which name was asked for. */
export function observeJoined(inspect: ContainerInspectJson, kind: keyof JoinedNamespaces, mode: string): string {
  return nameJoinedMode(mode, decodeNamespaces(inspect.Config?.Labels?.[LABEL_NAMESPACES])[kind]);
}
