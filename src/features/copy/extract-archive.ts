// Unpacks what `envctl cp` reads from a container (the archive API's tar, streamed) onto this machine: the top entry
// becomes `target`, everything below it lands below `target`, modes and times kept, owned by whoever runs envctl (as
// `docker cp` does). A container is not trusted: an entry that would land outside `target` — a `..` name, an absolute
// name, or a path through a symlink the archive itself made — is refused before anything is written there.
import { createWriteStream } from 'node:fs';
import { chmod, link, lstat, lutimes, mkdir, symlink, unlink, utimes } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tarStream from 'tar-stream';
import { EnvctlError } from '../../errors/envctl-error.js';
import { emptyCounts, type CopyCounts } from './walk-copy-source.js';

/** The name below the archive's top entry ('' = the top entry itself), or null when it would leave the copy. */
export function nameBelowTop(name: string): string | null {
  if (name.startsWith('/') || name.includes('\0')) return null;
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..')) return null;
  // The first part is the top entry ("d/sub/f" below "d"); "./sub/f" (a folder's contents) has "." as its top.
  return name.startsWith('./') || name === '.' ? parts.join('/') : parts.slice(1).join('/');
}

export async function extractArchive(tar: Readable, target: string): Promise<CopyCounts> {
  const counts = emptyCounts();
  const folders: { path: string; mode: number; mtime: Date }[] = [];
  const written = new Set<string>();
  const extract = tarStream.extract();
  tar.on('error', (err) => extract.destroy(err));
  tar.pipe(extract);
  for await (const entry of extract) {
    const { header } = entry;
    const rel = nameBelowTop(header.name);
    if (rel === null) throw outside(header.name);
    const path = rel === '' ? target : join(target, ...rel.split('/'));
    if (rel !== '') await ensureFolders(target, rel);
    const mode = (header.mode ?? 0o644) & 0o7777;
    const mtime = header.mtime ?? new Date();
    switch (header.type) {
      case 'directory':
        await makeFolder(path);
        folders.push({ path, mode, mtime });
        counts.folders += 1;
        break;
      case 'file':
      case 'contiguous-file':
        await clear(path);
        await pipeline(entry, createWriteStream(path, { mode: 0o600 }));
        await chmod(path, mode);
        await utimes(path, mtime, mtime);
        counts.files += 1;
        counts.bytes += header.size ?? 0;
        break;
      case 'symlink':
        await clear(path);
        await symlink(header.linkname ?? '', path);
        await lutimes(path, mtime, mtime).catch(() => undefined);
        counts.links += 1;
        break;
      case 'link': {
        // A hard link names an entry written before it in this archive.
        const to = nameBelowTop(header.linkname ?? '');
        const from = to === null ? null : to === '' ? target : join(target, ...to.split('/'));
        if (from === null || !written.has(from)) throw outside(`${header.name} (a hard link to ${header.linkname ?? ''})`);
        await clear(path);
        await link(from, path);
        counts.files += 1;
        break;
      }
      default:
        counts.skipped.push(header.name);
    }
    written.add(path);
    entry.resume();
  }
  // Folder modes last, deepest first: a read-only folder must not stop what goes into it.
  for (const { path, mode, mtime } of folders.reverse()) {
    await chmod(path, mode);
    await utimes(path, mtime, mtime);
  }
  return counts;
}

/** Every folder between `target` and the entry: made when missing, and never a symlink (it could point anywhere). */
async function ensureFolders(target: string, rel: string): Promise<void> {
  const parts = posix.dirname(rel).split('/').filter((p) => p !== '.' && p !== '');
  let path = target;
  for (const part of parts) {
    path = join(path, part);
    const stats = await lstat(path).catch(() => null);
    if (stats === null) await mkdir(path, { mode: 0o700 });
    else if (stats.isSymbolicLink() || !stats.isDirectory()) throw outside(`${rel} (${path} is not a folder)`);
  }
}

async function makeFolder(path: string): Promise<void> {
  const stats = await lstat(path).catch(() => null);
  if (stats === null) await mkdir(path, { mode: 0o700 });
  else if (!stats.isDirectory()) throw new EnvctlError('usage', `cannot copy a folder onto ${path}: it is not a folder`, { hint: 'remove it, or copy to another path' });
}

/** Makes room for a file or link: what is there goes, unless it is a folder (never replaced by a file). */
async function clear(path: string): Promise<void> {
  const stats = await lstat(path).catch(() => null);
  if (stats === null) return;
  if (stats.isDirectory()) throw new EnvctlError('usage', `cannot copy a file onto ${path}: it is a folder`, { hint: 'remove it, or copy to another path' });
  await unlink(path);
}

function outside(name: string): EnvctlError {
  return new EnvctlError('engine', `refused to unpack ${JSON.stringify(name)}: it would land outside the copied path`, {
    hint: 'the container sent an archive entry that leaves the folder it copies; nothing outside the destination was written',
  });
}
