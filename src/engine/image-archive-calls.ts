// Images as files (the ImageArchive interface the snapshot verbs use): list by label, save to a tar, load from one.
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sortedRecord } from '../base/sorted-record.js';
import type { EngineClient } from './engine-client.js';
import { followJsonStream } from './follow-json-stream.js';
import type { ImageArchive, TransferProgress } from './image-archive.js';

export function imageArchiveCalls(client: EngineClient): ImageArchive {
  const { docker } = client;
  return {
    async listImagesByLabel(label) {
      const list = await client.call('list images', () => docker.listImages({ filters: { label: [label] } }));
      return list.map((img) => ({
        id: img.Id,
        tags: (img.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
        labels: sortedRecord(img.Labels),
        created: new Date(img.Created * 1000).toISOString(),
        sizeBytes: img.Size,
      }));
    },

    async saveImage(ref, file, onProgress, signal) {
      const doing = `save image ${ref}`;
      const info = await client.call(doing, () => docker.getImage(ref).inspect());
      const stream = (await client.call(doing, () => docker.getImage(ref).get())) as NodeJS.ReadableStream;
      // A partial tar (failed or aborted) would look like a save to whoever finds it.
      await client.call(doing, () => pipeline(stream, counting(info.Size, onProgress), createWriteStream(file), signal ? { signal } : {})).catch((err) => {
        rmSync(file, { force: true });
        throw err;
      });
    },

    async loadImages(file, onProgress, signal) {
      const doing = `load images from ${file}`;
      const total = statSync(file).size;
      const input = createReadStream(file).pipe(counting(total, onProgress));
      const stream = (await client.call(doing, () => docker.loadImage(input as unknown as string, { quiet: true, ...(signal ? { abortSignal: signal } : {}) }))) as Readable;
      const loaded: string[] = [];
      await client.call(doing, () =>
        followJsonStream(stream, (event: { stream?: string; error?: string }) => {
          const m = /Loaded image(?: ID)?: (\S+)/.exec(event.stream ?? '');
          if (m?.[1]) loaded.push(m[1]);
        }),
      );
      return loaded;
    },
  };
}

/** A pass-through stream that reports how many bytes went by, at most every 100 ms plus once at the end. */
function counting(totalBytes: number | null, onProgress?: (p: TransferProgress) => void): Transform {
  let bytes = 0;
  let last = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      const now = Date.now();
      if (onProgress && now - last >= 100) {
        last = now;
        onProgress({ bytes, totalBytes });
      }
      done(null, chunk);
    },
    flush(done) {
      onProgress?.({ bytes, totalBytes });
      done();
    },
  });
}
