// Where the engine itself writes into a container's own layer, read from inspect: the mount points it creates, the
// init binary it mounts, the working dir it makes. An untouched container's `docker diff` lists exactly these.
import { posix } from 'node:path';
import type { EnginePaths } from './engine.js';

/** Where the engine mounts its init (tini) with `--init` / `init: true` (moby: daemon/oci_linux.go, inContainerInitPath). */
const INIT_PATH = '/sbin/docker-init';

/** The parts of inspect JSON this reads. */
export interface EnginePathsInspect {
  Config?: { WorkingDir?: string } | null;
  HostConfig?: {
    Binds?: string[] | null;
    Mounts?: { Target?: string }[] | null;
    Tmpfs?: Record<string, string> | null;
    Devices?: { PathInContainer?: string }[] | null;
    Init?: boolean | null;
  } | null;
  Mounts?: { Destination?: string }[] | null;
}

const clean = (path: string): string => {
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
};

export function observeEnginePaths(inspect: EnginePathsInspect): EnginePaths {
  const host = inspect.HostConfig ?? {};
  const mounts = [
    ...(inspect.Mounts ?? []).map((m) => m.Destination ?? ''),
    // "src:dst[:opts]": what Mounts lists too, except for a container that was never started.
    ...(host.Binds ?? []).map((b) => b.split(':')[1] ?? ''),
    ...(host.Mounts ?? []).map((m) => m.Target ?? ''),
    ...Object.keys(host.Tmpfs ?? {}),
    ...(host.Devices ?? []).map((d) => d.PathInContainer ?? ''),
    ...(host.Init === true ? [INIT_PATH] : []),
  ];
  const workingDir = inspect.Config?.WorkingDir ?? '';
  return {
    mounts: [...new Set(mounts.filter((p) => p.startsWith('/')).map(clean))].sort(),
    dirs: workingDir.startsWith('/') && workingDir !== '/' ? [clean(workingDir)] : [],
  };
}
