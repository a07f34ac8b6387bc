// Progress-watched copies of the streams of an engine request — the body envctl uploads (a build context, an image
// tar) and the answer it reads (pull events, build output, a saved image) — so a stream that stops moving, or is cut
// off before its end, becomes an EngineFault instead of a wait forever or a silent success.
import { Transform, type Readable } from 'node:stream';
import { EngineFault } from './engine-fault.js';
import { watchSilence, type SilenceLimits, type SilenceWatch } from './watch-silence.js';

function tap(onChunk: () => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onChunk();
      done(null, chunk);
    },
  });
}

/** The upload body, reporting each chunk the request takes as progress (a pass-through: nothing is buffered twice). */
export function watchUpload(body: Readable, watch: SilenceWatch): Readable {
  const watched = tap(() => watch.progress());
  body.on('error', (err) => watched.destroy(err));
  return body.pipe(watched);
}

/**
 * The answer stream as its consumer will read it. Silence for the limits (judged as the request's policy says), an
 * error or a close before the end destroy it with an EngineFault; the consumer destroying it closes the connection.
 */
export function watchAnswerStream(answer: Readable, limits: SilenceLimits): Readable {
  const watch = watchSilence(limits, (fault) => {
    answer.destroy();
    watched.destroy(fault);
  });
  watch.answering();
  const watched = tap(() => watch.progress());
  answer.on('error', (err) => watched.destroy(new EngineFault('hangup', 0, true, err)));
  answer.on('close', () => {
    if (!answer.readableEnded) watched.destroy(new EngineFault('hangup', 0, true));
  });
  watched.on('close', () => {
    watch.stop();
    if (!answer.destroyed) answer.destroy();
  });
  // What the engine says in headers (the archive API's path stat) stays readable on the watched stream.
  const { headers, statusCode } = answer as Readable & { headers?: unknown; statusCode?: unknown };
  Object.assign(watched, { headers, statusCode });
  return answer.pipe(watched);
}
