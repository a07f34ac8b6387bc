// The `dev.envctl.namespaces` label: which container (by name) an environment joins for ipc / network. The engine
// stores `container:<id>` instead of the name, so observe reads the name back from here to compare with the spec.
import { LABEL_PREFIX } from '../base/label-prefix.js';

export const LABEL_NAMESPACES = `${LABEL_PREFIX}namespaces`;

export interface JoinedNamespaces {
  ipc?: string;
  network?: string;
}

const joined = (mode: string): string | undefined => (mode.startsWith('container:') ? mode.slice('container:'.length) : undefined);

/** null when the environment joins no other container's namespace (then no label is written). */
export function encodeNamespaces(ipc: string, networkMode: string): string | null {
  const out: JoinedNamespaces = {};
  const ipcName = joined(ipc);
  const networkName = joined(networkMode);
  if (ipcName !== undefined) out.ipc = ipcName;
  if (networkName !== undefined) out.network = networkName;
  return Object.keys(out).length === 0 ? null : JSON.stringify(out);
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
