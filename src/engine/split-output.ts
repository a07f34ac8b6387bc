// A container's output as the engine sends it, split back into stdout and stderr: without a TTY the engine frames each
// piece with an 8-byte header (stream 1 or 2, then the length); with a TTY it is one raw stream. Backpressure holds:
// the connection is read only as fast as the slower of the two readers takes it.
import { PassThrough, Writable, type Readable } from 'node:stream';

const HEADER = 8;

export interface SplitOutput {
  stdout: PassThrough;
  stderr: PassThrough;
}

export function splitOutput(source: Readable, tty: boolean): SplitOutput {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const fail = (err: Error): void => {
    stdout.destroy(err);
    stderr.destroy(err);
  };
  source.on('error', fail);
  const sink = tty ? stdout : frameReader(stdout, stderr);
  if (tty) stderr.end();
  else sink.on('finish', () => [stdout, stderr].forEach((s) => s.end()));
  source.pipe(sink);
  // Closed before its end (close() of the session, the connection dropped): the output ends with what arrived.
  source.on('close', () => {
    if (!sink.writableEnded) sink.end();
  });
  return { stdout, stderr };
}

/** Parses the frames; a frame of stream 0 (stdin echo) or an unknown one goes to stdout, as the docker CLI does. */
function frameReader(stdout: PassThrough, stderr: PassThrough): Writable {
  let pending: Buffer = Buffer.alloc(0);
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      const waits: Promise<void>[] = [];
      while (pending.length >= HEADER) {
        const length = pending.readUInt32BE(4);
        if (pending.length < HEADER + length) break;
        const target = pending[0] === 2 ? stderr : stdout;
        const payload = pending.subarray(HEADER, HEADER + length);
        pending = pending.subarray(HEADER + length);
        if (!target.write(payload)) waits.push(drained(target));
      }
      Promise.all(waits).then(() => done(), done);
    },
    final(done) {
      // A frame cut off at the end: what arrived of it is still output.
      if (pending.length > HEADER) (pending[0] === 2 ? stderr : stdout).write(pending.subarray(HEADER));
      done();
    },
  });
}

function drained(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const settle = (): void => {
      stream.off('drain', settle).off('close', settle);
      resolve();
    };
    stream.on('drain', settle).on('close', settle);
  });
}
