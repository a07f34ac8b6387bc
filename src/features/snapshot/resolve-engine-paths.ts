// Where the engine's own paths really land in a container's layer. Under a symlinked folder they show up in `docker
// diff` by their real path: with /sbin → /usr/sbin (merged-/usr images: Debian, Ubuntu), init's /sbin/docker-init is
// listed as /usr/sbin/docker-init. Asks the engine, and only about paths that a change could be an alias of.
import { posix } from 'node:path';
import { canResolveLinks } from '../../engine/container-files.js';
import type { ContainerChange, EnginePaths } from '../../engine/engine.js';

/**
 * The engine paths plus the real path of each that lies under a symlinked folder — looked up only for a path whose
 * name some listed change ends with and which is not listed itself, so an untouched plain image costs no request.
 */
export async function resolveEnginePaths(engine: object, id: string, paths: EnginePaths, changes: readonly ContainerChange[]): Promise<EnginePaths> {
  if (!canResolveLinks(engine)) return paths;
  const listed = new Set(changes.map((c) => c.path));
  const names = new Set(changes.map((c) => posix.basename(c.path)));
  const suspect = (p: string): boolean => !listed.has(p) && names.has(posix.basename(p));
  if (![...paths.mounts, ...paths.dirs].some(suspect)) return paths;

  const links = new Map<string, Promise<string | null>>();
  const linkTarget = (p: string): Promise<string | null> => {
    let known = links.get(p);
    if (known === undefined) {
      known = engine.linkTarget(id, p);
      links.set(p, known);
    }
    return known;
  };
  /** Each folder on the way, resolved by the engine when it is a symlink (the last part is the path itself). */
  const realPath = async (path: string): Promise<string> => {
    const parts = path.split('/').filter(Boolean);
    let real = '';
    for (const part of parts.slice(0, -1)) {
      const next = `${real}/${part}`;
      real = (await linkTarget(next)) || next;
    }
    return `${real}/${parts[parts.length - 1] ?? ''}`;
  };
  const withReal = async (list: readonly string[]): Promise<string[]> => {
    const real = await Promise.all(list.map((p) => (suspect(p) ? realPath(p) : p)));
    return [...new Set([...list, ...real])].sort();
  };
  const [mounts, dirs] = await Promise.all([withReal(paths.mounts), withReal(paths.dirs)]);
  return { mounts, dirs };
}
