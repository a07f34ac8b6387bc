// The `dev.envctl.namespaces` label: which container (by name) an environment joins for ipc / network. The engine
// stores `container:<id>` instead of the name, so observe reads the name back from here to compare with the spec.
import { LABEL_PREFIX } from '../base/label-prefix.js';

export const LABEL_NAMESPACES = `${LABEL_PREFIX}namespaces`;

export interface JoinedNamespaces {
  ipc?: string;
  network?: string;
}


export function decodeNamespaces(raw: string | undefined): JoinedNamespaces {
  if (raw === undefined) return {};
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const out: JoinedNamespaces = {};
    if (typeof parsed.ipc === 'string') out.ipc = parsed.ipc;
    if (typeof parsed.network === 'string') out.network = parsed.network;
    return out;
  } catch {
    return {};
  }
}

/**
 * `container:<id>` back to `container:<name>` when the label says which name was asked for; a mode the engine still
 * holds by name, or one envctl did not write, is kept as it is.
 */
export function nameJoinedMode(mode: string, name: string | undefined): string {
  if (name === undefined || !mode.startsWith('container:')) return mode;
  return `container:${name}`;
}
