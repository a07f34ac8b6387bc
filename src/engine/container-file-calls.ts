// Reaching into a container (the ContainerFiles interface): its files through the archive API, commands through exec.
import { PassThrough } from 'node:stream';
import { readLinkTarget, type ContainerFiles } from './container-files.js';
import type { EngineClient } from './engine-client.js';

/** What dockerode's getArchive resolves to: the answer stream, with its headers. */
type ArchiveAnswer = NodeJS.ReadableStream & { headers?: Record<string, string>; destroy?: () => void };

export function containerFileCalls(client: EngineClient): ContainerFiles {
  const { docker } = client;

  /**
   * GET rather than HEAD: dockerode leaves the socket of a HEAD /archive open (the process then lingers for minutes).
   * The engine's stat of the path rides in a header; the body is not read — the stream is destroyed at once.
   */
  const statPath = (doing: string, id: string, path: string): Promise<ArchiveAnswer | null> =>
    client.orNull(doing, async () => {
      const stream = (await docker.getContainer(id).getArchive({ path })) as ArchiveAnswer;
      stream.destroy?.();
      return stream;
    });

  return {
    async putFiles(id, path, files) {
      const { writeTar } = await import('./tar-entries.js'); // tar-stream is loaded by the commands that write or build
      const tar = await writeTar(files);
      await client.call(`copy files into container ${id}`, () => docker.getContainer(id).putArchive(tar, { path }));
    },

    async pathExists(id, path) {
      return (await statPath(`look for ${path} in container ${id}`, id, path)) !== null;
    },

    async linkTarget(id, path) {
      const answer = await statPath(`look at ${path} in container ${id}`, id, path);
      return answer === null ? null : readLinkTarget(answer.headers?.['x-docker-container-path-stat']);
    },

    async readContainerFile(id, path) {
      const doing = `read ${path} from container ${id}`;
      const stream = await client.orNull(doing, () => docker.getContainer(id).getArchive({ path }));
      if (stream === null) return null;
      const chunks: Buffer[] = [];
      await client.call(doing, async () => {
        for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
      });
      const { readFirstTarFile } = await import('./tar-entries.js');
      return readFirstTarFile(Buffer.concat(chunks));
    },

    async execInContainer(id, cmd, onLine) {
      const doing = `run ${cmd[0] ?? ''} in container ${id}`;
      const exec = await client.call(doing, () => docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, User: '0' }));
      const stream = await client.call(doing, () => exec.start({ hijack: true, stdin: false }));
      const out = new PassThrough();
      docker.modem.demuxStream(stream, out, out);
      let pending = '';
      out.on('data', (chunk: Buffer) => {
        const lines = (pending + chunk.toString('utf8')).split(/\r?\n|\r/);
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim() !== '') onLine?.(line);
      });
      await client.call(
        doing,
        () =>
          new Promise<void>((resolve, reject) => {
            stream.on('end', resolve);
            stream.on('close', resolve);
            stream.on('error', reject);
          }),
      );
      if (pending.trim() !== '') onLine?.(pending);
      const info = await client.call(doing, () => exec.inspect());
      return info.ExitCode ?? -1;
    },

    async publishedPort(id, containerPort) {
      const info = await client.call(`inspect container ${id}`, () => docker.getContainer(id).inspect());
      const bound = info.NetworkSettings?.Ports?.[containerPort]?.[0]?.HostPort;
      return bound ? Number(bound) : null;
    },
  };
}
