// Where `envctl cp` puts what it copies, by `docker cp`'s rules: into a folder that exists (under the source's name,
// or its contents alone for a source ending in "/."), onto a file of that name, or as a new entry of that name in a
// folder that exists; a destination ending in "/" must be a folder that exists, and a folder never replaces a file.
import { statSync, type Stats } from 'node:fs';
import { basename, dirname, posix } from 'node:path';
import type { ContainerVerbs, PathStat } from '../../engine/container-verbs.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import { localError } from './walk-copy-source.js';

/** A container path as given: made absolute (relative = from the container's /), and what its ending asks for. */
export interface ContainerPath {
  path: string;
  /** Ended in "/": must be a folder. */
  folder: boolean;
  /** Ended in "/.": a folder's contents, not the folder. */
  contents: boolean;
}

export function containerPath(text: string): ContainerPath {
  return { path: posix.resolve('/', text), folder: /\/\.?$/.test(text), contents: /(^|\/)\.$/.test(text) };
}

/** A local destination for a copy out of a container: the path the copied top entry gets. */
export function localTarget(destination: string, source: PathStat, what: string): string {
  const existing = statOrNull(destination);
  if (existing?.isDirectory()) return source.name === '.' ? destination : `${destination.replace(/\/+$/, '')}/${source.name}`;
  if (existing !== null) {
    if (source.isDir) throw notAFolder(destination, what);
    return destination;
  }
  if (/\/$/.test(destination)) {
    throw new EnvctlError('not-found', `cannot copy ${what} to ${destination}: no such folder here`, { hint: 'create it first, or leave out the final "/" to copy under that name' });
  }
  const parent = statOrNull(dirname(destination));
  if (!parent?.isDirectory()) throw new EnvctlError('not-found', `cannot copy ${what} to ${destination}: there is no folder ${dirname(destination)} here`, { hint: 'create it first' });
  return destination;
}

/** A container destination for a copy into it: the folder the tar is unpacked in, and the name of its top entry ('' = contents). */
export async function containerTarget(
  engine: Pick<ContainerVerbs, 'statPath'>,
  id: string,
  destination: ContainerPath,
  source: { local: string; isDir: boolean; contents: boolean },
  where: string,
): Promise<{ dir: string; top: string }> {
  const stat = await statFollowing(engine, id, destination.path);
  if (stat?.isDir) return { dir: destination.path, top: source.contents ? '' : basename(source.local) };
  if (stat !== null) {
    if (source.isDir) throw notAFolder(`${destination.path} in environment "${where}"`, source.local);
    return { dir: posix.dirname(destination.path), top: posix.basename(destination.path) };
  }
  const parent = posix.dirname(destination.path);
  if (destination.folder) {
    throw new EnvctlError('not-found', `environment "${where}" has no folder ${destination.path}`, {
      hint: `leave out the final "/" to copy under that name, or create it: envctl exec ${where} -- mkdir -p ${destination.path}`,
    });
  }
  if (!(await statFollowing(engine, id, parent))?.isDir) {
    throw new EnvctlError('not-found', `environment "${where}" has no folder ${parent}`, { hint: `create it first: envctl exec ${where} -- mkdir -p ${parent}` });
  }
  return { dir: parent, top: posix.basename(destination.path) };
}

/** A symlink to a folder counts as the folder (the engine unpacks through it, as `docker cp` does). */
async function statFollowing(engine: Pick<ContainerVerbs, 'statPath'>, id: string, path: string): Promise<PathStat | null> {
  const stat = await engine.statPath(id, path);
  if (!stat?.isSymlink) return stat;
  const target = stat.linkTarget === '' ? null : await engine.statPath(id, stat.linkTarget);
  return target ?? stat;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw localError(path, err);
  }
}

function notAFolder(destination: string, source: string): EnvctlError {
  return new EnvctlError('usage', `cannot copy the folder ${source} onto ${destination}: it is a file`, { hint: 'copy it to a folder, or to a new name' });
}
