// What `envctl cp` sends into a container from this machine: a file, a symlink, or a folder with all below it, each
// entry with its mode and time (as `docker cp` keeps them); sockets, FIFOs and devices are left out and named.
import { lstatSync, readdirSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { PackEntry } from '../../engine/pack-tar.js';
import { EnvctlError } from '../../errors/envctl-error.js';

export interface CopyCounts {
  files: number;
  folders: number;
  links: number;
  bytes: number;
  /** Entries that are no file, folder or symlink (left out). */
  skipped: string[];
}

export interface CopySource extends CopyCounts {
  entries: PackEntry[];
}

export function emptyCounts(): CopyCounts {
  return { files: 0, folders: 0, links: 0, bytes: 0, skipped: [] };
}

/**
 * `local` packed under the archive name `top` ('' = a folder's contents only, each entry at the top). `followLink`
 * (cp -L): a symlink given as `local` is copied as what it points to; symlinks below it always stay symlinks.
 */
export function walkCopySource(local: string, top: string, followLink: boolean): CopySource {
  const found: CopySource = { ...emptyCounts(), entries: [] };
  const add = (path: string, name: string, stats: Stats): void => {
    const base = { name, source: path, size: 0, mode: stats.mode & 0o7777, mtimeMs: stats.mtimeMs, linkTarget: '' };
    if (stats.isSymbolicLink()) {
      found.links += 1;
      found.entries.push({ ...base, kind: 'symlink', linkTarget: readlinkSync(path) });
    } else if (stats.isFile()) {
      found.files += 1;
      found.bytes += stats.size;
      found.entries.push({ ...base, kind: 'file', size: stats.size });
    } else if (stats.isDirectory()) {
      if (name !== '') {
        found.folders += 1;
        found.entries.push({ ...base, kind: 'dir' });
      }
      for (const child of readFolder(path).sort()) {
        const childPath = join(path, child);
        add(childPath, name === '' ? child : `${name}/${child}`, lstatSync(childPath));
      }
    } else found.skipped.push(path);
  };
  add(local, top, statLocal(local, followLink));
  return found;
}

/** A local path's stat (through a symlink with followLink), or an error naming the path. */
export function statLocal(path: string, followLink: boolean): Stats {
  try {
    return followLink ? statSync(path) : lstatSync(path);
  } catch (err) {
    throw localError(path, err);
  }
}

function readFolder(path: string): string[] {
  try {
    return readdirSync(path);
  } catch (err) {
    throw localError(path, err);
  }
}

/** A local path that cannot be read, in a sentence. */
export function localError(path: string, err: unknown): EnvctlError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (err as Error).message;
  return new EnvctlError('not-found', `${path}: ${why}`, { cause: err });
}
