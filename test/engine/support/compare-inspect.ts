// Compares two containers' `docker inspect` output on everything they are configured with (Config, HostConfig, the
// effective mounts), so "made by docker run" and "made by envctl" can be proven the same container.
import { parseTmpfsSize } from '../../../src/engine/observe.js';

export type InspectJson = Record<string, unknown> & {
  Id: string;
  Config: Record<string, unknown>;
  HostConfig: Record<string, unknown>;
  Mounts?: Record<string, unknown>[] | null;
};

/**
 * Paths left out of the leaf-by-leaf comparison, each for a reason. Everything else under Config and HostConfig is
 * compared, so a field docker run sets and envctl forgets (or the other way round) fails the comparison.
 */
const EXCLUDED: Record<string, string> = {
  // Identity: two different containers.
  'Config.Hostname': 'defaults to the container id prefix; compared separately (hostname) as "set or default"',
  'Config.Labels': "envctl adds its ownership labels (dev.envctl.*); compared separately without them",
  // The same mount reaches the engine as -v (Binds), --mount (Mounts) or --tmpfs (Tmpfs): compared as effective mounts.
  'HostConfig.Binds': 'compared as effective mounts',
  'HostConfig.Mounts': 'compared as effective mounts',
  'HostConfig.Tmpfs': 'compared as effective mounts (sizes in bytes: "size=1m" and "size=1048576" are one tmpfs)',
  // The docker CLI sends the size of the terminal it runs in; it only shapes an attached session.
  'HostConfig.ConsoleSize': 'the terminal size of the docker CLI, not a setting of the container',
};

/** null, [] and {} are how the API spells "not set", differently per client; "default" network is bridge on Linux. */
function normalizeLeaf(path: string, value: unknown): unknown {
  if (value === null || (Array.isArray(value) && value.length === 0)) return undefined;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0) return undefined;
  if (path === 'HostConfig.NetworkMode' && value === 'default') return 'bridge';
  // envctl sends Init: false where the docker CLI sends nothing, so the daemon's `init` default never decides for it
  // (to-create-options: everything explicit); on an engine without `"init": true` in daemon.json both mean no init.
  if (path === 'HostConfig.Init' && value === false) return undefined;
  if (path === 'Config.Env' && Array.isArray(value)) return [...(value as string[])].sort();
  if (path === 'HostConfig.CapAdd' || path === 'HostConfig.CapDrop') return [...(value as string[])].map((c) => (c.startsWith('CAP_') ? c : `CAP_${c}`)).sort();
  if (path === 'HostConfig.DeviceRequests' && Array.isArray(value)) {
    return (value as Record<string, unknown>[]).map((r) => ({
      ...r,
      DeviceIDs: (r.DeviceIDs as string[] | null)?.length ? r.DeviceIDs : undefined,
      Options: r.Options && Object.keys(r.Options).length > 0 ? r.Options : undefined,
      Capabilities: (r.Capabilities as string[][] | null)?.map((set) => [...set].sort()),
    }));
  }
  return value;
}

function leaves(prefix: string, obj: Record<string, unknown>, out: Map<string, string>): void {
  for (const [key, raw] of Object.entries(obj)) {
    const path = `${prefix}.${key}`;
    if (path in EXCLUDED) continue;
    const value = normalizeLeaf(path, raw);
    if (value === undefined) continue;
    if (typeof value === 'object' && !Array.isArray(value) && path !== 'HostConfig.RestartPolicy') {
      leaves(path, value as Record<string, unknown>, out);
    } else out.set(path, JSON.stringify(value));
  }
}

/** bind/volume mounts as the engine made them, plus tmpfs mounts from both places they can be asked for. */
function effectiveMounts(c: InspectJson): string[] {
  const out: string[] = [];
  for (const m of c.Mounts ?? []) {
    if (m.Type === 'tmpfs') continue;
    // Mode is the option text ("ro", "z", or "" for --mount): RW already says what it means.
    out.push(JSON.stringify({ Type: m.Type, Name: m.Name, Source: m.Source, Destination: m.Destination, RW: m.RW, Propagation: m.Propagation, Driver: m.Driver }));
  }
  for (const [target, options] of Object.entries((c.HostConfig.Tmpfs ?? {}) as Record<string, string>)) {
    out.push(JSON.stringify({ Type: 'tmpfs', Destination: target, SizeBytes: parseTmpfsSize(options) }));
  }
  for (const m of (c.HostConfig.Mounts ?? []) as { Type?: string; Target?: string; TmpfsOptions?: { SizeBytes?: number } }[]) {
    if (m.Type === 'tmpfs') out.push(JSON.stringify({ Type: 'tmpfs', Destination: m.Target, SizeBytes: m.TmpfsOptions?.SizeBytes || null }));
  }
  return out.sort();
}

export function comparableView(c: InspectJson): Map<string, string> {
  const out = new Map<string, string>();
  leaves('Config', c.Config, out);
  leaves('HostConfig', c.HostConfig, out);
  const hostname = c.Config.Hostname === c.Id.slice(0, 12) ? '(default: the container id)' : c.Config.Hostname;
  out.set('hostname', JSON.stringify(hostname));
  const labels = Object.entries((c.Config.Labels ?? {}) as Record<string, string>).filter(([k]) => !k.startsWith('dev.envctl.'));
  out.set('labels', JSON.stringify(Object.fromEntries(labels.sort())));
  out.set('mounts', JSON.stringify(effectiveMounts(c)));
  return out;
}

/** Every path where the two differ, as "path: docker run value ≠ envctl value"; [] when they are the same container. */
export function inspectDifferences(fromDocker: InspectJson, fromEnvctl: InspectJson): string[] {
  const a = comparableView(fromDocker);
  const b = comparableView(fromEnvctl);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((p) => a.get(p) !== b.get(p)).map((p) => `${p}: ${a.get(p) ?? '(unset)'} ≠ ${b.get(p) ?? '(unset)'}`);
}
