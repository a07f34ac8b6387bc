// Tar archives for the archive API (PUT/GET /containers/{id}/archive): a few small files and folders with exact owner
// and mode going in, the one file a GET returns coming out. tar-stream writes and reads the format.
import tarStream from 'tar-stream';

export interface TarEntry {
  /** Relative path inside the archive, no leading slash; a folder ends without a slash and has type 'dir'. */
  path: string;
  type: 'file' | 'dir';
  /** Permission bits, e.g. 0o755. */
  mode: number;
  uid: number;
  gid: number;
  content?: Buffer | string;
}

export async function writeTar(entries: readonly TarEntry[]): Promise<Buffer> {
  const pack = tarStream.pack();
  for (const entry of entries) {
    const header = { name: entry.path, mode: entry.mode, uid: entry.uid, gid: entry.gid };
    if (entry.type === 'dir') pack.entry({ ...header, name: `${entry.path}/`, type: 'directory' });
    else pack.entry({ ...header, type: 'file' }, Buffer.from(entry.content ?? ''));
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The first regular file in a tar (what GET /archive returns for one file); null when there is none. */
export async function readFirstTarFile(tar: Buffer): Promise<Buffer | null> {
  const extract = tarStream.extract();
  extract.end(tar);
  for await (const entry of extract) {
    if (entry.header.type !== 'file' && entry.header.type !== 'contiguous-file') {
      entry.resume();
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks);
  }
  return null;
}
