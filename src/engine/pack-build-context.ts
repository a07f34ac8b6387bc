// Streams a build context as the uncompressed tar `docker build` sends: one file open at a time, read in chunks only
// as fast as the engine takes them, so memory stays bounded whatever the context's size. Destroying the stream (an
// engine error, an interrupt) stops the reading and closes the open file.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { EnvctlError } from '../errors/envctl-error.js';
import type { BuildContextEntry } from './engine.js';
import { padding, tarEnd, tarHeader } from './tar-header.js';

const CHUNK = 1024 * 1024;

/** onSent(bytes): file bytes handed to the stream so far (out of the entries' total size). */
export function packBuildContext(root: string, entries: readonly BuildContextEntry[], onSent?: (bytes: number) => void): Readable {
  return Readable.from(tarChunks(root, entries, onSent ?? (() => undefined)), { objectMode: false, highWaterMark: CHUNK });
}

async function* tarChunks(root: string, entries: readonly BuildContextEntry[], onSent: (bytes: number) => void): AsyncGenerator<Buffer> {
  let sent = 0;
  onSent(0);
  for (const entry of entries) {
    yield tarHeader(entry);
    if (entry.linkTarget !== null) continue;
    const chunks = entry.content !== undefined ? [entry.content] : fileChunks(root, entry);
    for await (const chunk of chunks) {
      yield chunk;
      sent += chunk.length;
      onSent(sent);
    }
    const pad = padding(entry.size);
    if (pad > 0) yield Buffer.alloc(pad);
  }
  yield tarEnd();
}

/** Exactly `entry.size` bytes, as the header announced: a file that shrank since the context was read is an error. */
async function* fileChunks(root: string, entry: BuildContextEntry): AsyncGenerator<Buffer> {
  const path = join(root, entry.path);
  const handle = await open(path, 'r').catch((err: unknown) => {
    throw cannotSend(entry, (err as Error).message, err);
  });
  try {
    let done = 0;
    while (done < entry.size) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, entry.size - done));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, done);
      if (bytesRead === 0) throw cannotSend(entry, `it became shorter (${done} of ${entry.size} bytes) while it was sent`);
      done += bytesRead;
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

function cannotSend(entry: BuildContextEntry, why: string, cause?: unknown): EnvctlError {
  return new EnvctlError('build-failed', `cannot send ${entry.path} of the build context: ${why}`, {
    hint: 'leave the context alone while apply builds (or list the file in .dockerignore), then apply again',
    ...(cause === undefined ? {} : { cause }),
  });
}
