// Streams a build context as the uncompressed tar `docker build` sends: one file open at a time, read in chunks only
// as fast as the engine takes them, so memory stays bounded whatever the context's size. Destroying the stream (an
// engine error, an interrupt) stops the reading and closes the open file. tar-stream writes the headers (ustar, pax
// for long or non-ASCII names, base-256 sizes past 8 GiB); this file decides what goes in them and feeds the bytes.
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import { EnvctlError } from '../errors/envctl-error.js';
import type { BuildContextEntry } from './engine.js';

const CHUNK = 1024 * 1024;
/** tar-stream writes seconds through a 32-bit integer: later times (and times before 1970) would corrupt the header. */
const MAX_MTIME_S = 2 ** 31 - 1;
/** A regular-file type bit beside the permission bits, so mode 000 is not taken for "no mode" (tar-stream's 644). */
const S_IFREG = 0o100000;

/** onSent(bytes): file bytes handed to the stream so far (out of the entries' total size). */
export function packBuildContext(root: string, entries: readonly BuildContextEntry[], onSent?: (bytes: number) => void): Readable {
  const pack = tarStream.pack();
  fill(pack, root, entries, onSent ?? (() => undefined)).catch((err: unknown) => pack.destroy(err as Error));
  // A Node stream for dockerode and for destroy(): ending it destroys the pack, which stops fill at its next write.
  return Readable.from(pack, { objectMode: false, highWaterMark: CHUNK });
}

async function fill(pack: tarStream.Pack, root: string, entries: readonly BuildContextEntry[], onSent: (bytes: number) => void): Promise<void> {
  let sent = 0;
  onSent(0);
  for (const entry of entries) {
    const header = {
      name: entry.path,
      mode: (entry.mode & 0o7777) | S_IFREG,
      mtime: new Date(Math.min(Math.max(Math.floor(entry.mtimeMs / 1000), 0), MAX_MTIME_S) * 1000),
    };
    if (entry.linkTarget !== null) {
      pack.entry({ ...header, type: 'symlink', linkname: entry.linkTarget });
      continue;
    }
    const sink = pack.entry({ ...header, type: 'file', size: entry.size });
    sink.on('error', () => undefined); // it reaches the reader through the pack; fill learns of it from drained
    const chunks = entry.content !== undefined ? [entry.content] : fileChunks(root, entry);
    for await (const chunk of chunks) {
      // Waiting until the chunk left the sink is the backpressure: the next read starts when the engine took this one.
      if (!sink.write(chunk) && !(await drained(sink))) throw new Error('the build context stream was closed');
      sent += chunk.length;
      onSent(sent);
    }
    sink.end(null); // (streamx types ask for an argument; null adds nothing)
  }
  pack.finalize();
}

/** True once the sink took what was written, false when it was destroyed first (the reader went away). */
function drained(sink: ReturnType<tarStream.Pack['entry']>): Promise<boolean> {
  if (sink.destroyed || sink.destroying) return Promise.resolve(false);
  return new Promise((resolve) => {
    const settle = (ok: boolean) => () => {
      sink.off('drain', onDrain).off('close', onClose);
      resolve(ok);
    };
    const onDrain = settle(true);
    const onClose = settle(false);
    sink.on('drain', onDrain).on('close', onClose);
  });
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
