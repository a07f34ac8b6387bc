// Streams local files as an uncompressed tar (a build context, what `envctl cp` sends): one file open at a time, read
// in chunks only as fast as the engine takes them, so memory stays bounded whatever the size. Destroying the stream
// (an engine error, an interrupt) stops the reading and closes the open file. tar-stream writes the headers (ustar,
// pax for long or non-ASCII names, base-256 sizes past 8 GiB); this file decides what goes in them and feeds the bytes.
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import type { EnvctlError } from '../errors/envctl-error.js';

const CHUNK = 1024 * 1024;
/** tar-stream writes seconds through a 32-bit integer: later times (and times before 1970) would corrupt the header. */
const MAX_MTIME_S = 2 ** 31 - 1;
/** A type bit beside the permission bits, so mode 000 is not taken for "no mode" (tar-stream's 644 / 755). */
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/** One entry of the tar. */
export interface PackEntry {
  /** The name in the archive, '/'-separated, no leading slash. */
  name: string;
  kind: 'file' | 'dir' | 'symlink';
  /** A file: the local file to read `size` bytes of (unless `content`). */
  source: string;
  size: number;
  /** Permission bits (with setuid, setgid, sticky). */
  mode: number;
  mtimeMs: number;
  /** A symlink's target. */
  linkTarget: string;
  /** Sent instead of the file's bytes. */
  content?: Buffer;
}

export interface PackOptions {
  /** File bytes handed to the stream so far. */
  onSent?: (bytes: number) => void;
  /** The error for a file that cannot be read, or that shrank while it was sent. */
  cannotRead: (entry: PackEntry, why: string, cause?: unknown) => EnvctlError;
}

export function packTar(entries: readonly PackEntry[], options: PackOptions): Readable {
  const pack = tarStream.pack();
  fill(pack, entries, options).catch((err: unknown) => pack.destroy(err as Error));
  // A Node stream for dockerode and for destroy(): ending it destroys the pack, which stops fill at its next write.
  return Readable.from(pack, { objectMode: false, highWaterMark: CHUNK });
}

async function fill(pack: tarStream.Pack, entries: readonly PackEntry[], options: PackOptions): Promise<void> {
  const onSent = options.onSent ?? (() => undefined);
  let sent = 0;
  onSent(0);
  for (const entry of entries) {
    const header = {
      name: entry.name,
      mode: (entry.mode & 0o7777) | (entry.kind === 'dir' ? S_IFDIR : S_IFREG),
      mtime: new Date(Math.min(Math.max(Math.floor(entry.mtimeMs / 1000), 0), MAX_MTIME_S) * 1000),
    };
    if (entry.kind === 'symlink') {
      pack.entry({ ...header, type: 'symlink', linkname: entry.linkTarget });
      continue;
    }
    if (entry.kind === 'dir') {
      pack.entry({ ...header, name: `${entry.name}/`, type: 'directory' });
      continue;
    }
    const sink = pack.entry({ ...header, type: 'file', size: entry.size });
    sink.on('error', () => undefined); // it reaches the reader through the pack; fill learns of it from drained
    const chunks = entry.content !== undefined ? [entry.content] : fileChunks(entry, options);
    for await (const chunk of chunks) {
      // Waiting until the chunk left the sink is the backpressure: the next read starts when the engine took this one.
      if (!sink.write(chunk) && !(await drained(sink))) throw new Error('the tar stream was closed');
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

/** Exactly `entry.size` bytes, as the header announced: a file that shrank since it was listed is an error. */
async function* fileChunks(entry: PackEntry, options: PackOptions): AsyncGenerator<Buffer> {
  const handle = await open(entry.source, 'r').catch((err: unknown) => {
    throw options.cannotRead(entry, (err as Error).message, err);
  });
  try {
    let done = 0;
    while (done < entry.size) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, entry.size - done));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, done);
      if (bytesRead === 0) throw options.cannotRead(entry, `it became shorter (${done} of ${entry.size} bytes) while it was sent`);
      done += bytesRead;
      yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
