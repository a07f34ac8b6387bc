// One hash over what a build sends (paths, executable bits, symlink targets, contents) plus the Dockerfile path, args
// and target. Files are read in chunks into one buffer, so memory stays the same whatever their size.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildContextEntry } from '../../engine/engine.js';
import type { BuildSpec } from '../../spec/image-source.js';
import { createSha256 } from '../../base/sha256.js';
import { contextError } from './walk-build-context.js';

const CHUNK = 1024 * 1024;

export async function hashBuildContext(build: BuildSpec, entries: readonly BuildContextEntry[]): Promise<string> {
  const hash = createSha256();
  hash.update(JSON.stringify({ dockerfile: build.dockerfile, args: build.args, target: build.target }));
  const buffer = Buffer.allocUnsafe(CHUNK);
  for (const entry of entries) {
    // The same bytes as before streaming, so images built by earlier versions stay current.
    hash.update(`\0${entry.path}\0${entry.mode & 0o111 ? 'x' : '-'}${entry.linkTarget !== null ? 'l' : 'f'}\0`);
    if (entry.linkTarget !== null) hash.update(entry.linkTarget);
    else if (entry.content !== undefined) hash.update(entry.content);
    else await hashFile(build, join(build.context, entry.path), buffer, (chunk) => hash.update(chunk));
  }
  return hash.digest('hex').slice(0, 32);
}

async function hashFile(build: BuildSpec, path: string, buffer: Buffer, update: (chunk: Buffer) => void): Promise<void> {
  const handle = await open(path, 'r').catch((err: unknown) => {
    throw contextError(build, err);
  });
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      update(buffer.subarray(0, bytesRead));
    }
  } catch (err) {
    throw contextError(build, err);
  } finally {
    await handle.close();
  }
}
