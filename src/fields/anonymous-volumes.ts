// Anonymous volumes (names the engine made up) of a container, and how envctl carries them into the container that
// replaces it: as explicit volume mounts, marked with a label so observe never mistakes them for spec mounts.
import type { Mount } from './canonical-env.js';
import { LABEL_PREFIX } from '../base/label-prefix.js';

/** A volume mounted under a name the engine made up (64 hex digits): nobody named it, so nobody else would find it. */
export interface AnonymousVolume {
  name: string;
  /** Where the container mounts it. */
  target: string;
  readOnly: boolean;
}

/** Targets of the anonymous volumes envctl carried into this container at a recreate (a JSON list of paths). */
export const LABEL_CARRIED_VOLUMES = `${LABEL_PREFIX}carried-volumes`;

/** The engine names an anonymous volume with 64 random hex digits (`docker volume ls` shows them so). */
function isEngineMadeVolumeName(name: string): boolean {
  return /^[0-9a-f]{64}$/.test(name);
}

export function encodeCarried(volumes: readonly AnonymousVolume[]): string {
  return JSON.stringify(volumes.map((v) => v.target).sort());
}

export function decodeCarried(raw: string | undefined): Set<string> {
  if (raw === undefined) return new Set();
  try {
    const parsed: unknown = JSON.parse(raw);
    return new Set(Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : []);
  } catch {
    return new Set();
  }
}

/** The create body's `HostConfig.Mounts` for carried volumes: the engine mounts the existing volume, data and all. */
export function carriedMounts(volumes: readonly AnonymousVolume[]): { Type: 'volume'; Source: string; Target: string; ReadOnly: boolean }[] {
  return volumes.map((v) => ({ Type: 'volume', Source: v.name, Target: v.target, ReadOnly: v.readOnly }));
}

/**
 * Every volume mount of the container whose name the engine made up, unless the spec named that very volume there
 * (a spec may name a volume with 64 hex digits; then it is a named volume like any other).
 */
export function observeAnonymousVolumes(
  live: readonly { Type?: string; Name?: string; Destination?: string; RW?: boolean }[] | null | undefined,
  specMounts: readonly Mount[],
): AnonymousVolume[] {
  const named = new Set(specMounts.flatMap((m) => (m.type === 'volume' ? [`${m.source}\0${m.target}`] : [])));
  return (live ?? [])
    .filter((m) => m.Type === 'volume' && isEngineMadeVolumeName(m.Name ?? '') && !named.has(`${m.Name}\0${m.Destination ?? ''}`))
    .map((m) => ({ name: m.Name!, target: m.Destination ?? '', readOnly: m.RW === false }))
    .sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}
