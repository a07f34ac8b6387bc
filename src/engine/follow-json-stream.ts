// Reads an engine progress stream (pull, build, load, import: one JSON object a line) to its end. Unlike docker-modem's
// followProgress, a line that is not JSON is an error rather than an exception thrown from an event handler, and a
// stream that closes before its end is an error rather than a success.
import type { Readable } from 'node:stream';
import { EngineFault } from './engine-fault.js';

export function followJsonStream<T>(stream: Readable, onEvent: (event: T) => void = () => undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending = '';
    let failed = false;
    const fail = (err: unknown): void => {
      if (failed) return;
      failed = true;
      stream.destroy();
      reject(err);
    };
    const line = (text: string): void => {
      const trimmed = text.trim();
      if (trimmed === '' || failed) return;
      let event: T;
      try {
        event = JSON.parse(trimmed) as T;
      } catch {
        return fail(new EngineFault('garbled'));
      }
      try {
        onEvent(event);
      } catch (err) {
        fail(err);
      }
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const text of lines) line(text);
    });
    stream.on('error', fail);
    stream.on('close', () => {
      if (!stream.readableEnded) fail(new EngineFault('hangup', 0, true));
    });
    stream.on('end', () => {
      line(pending);
      if (!failed) resolve();
    });
  });
}
