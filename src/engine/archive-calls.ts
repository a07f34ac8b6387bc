// A container's files as tar streams (part of the ContainerVerbs interface), for `envctl cp`: the archive API's GET
// (a path and all below it, streamed), its stat of a path (a header of the same answer), and PUT (a tar unpacked
// into a folder). Nothing is read whole: the streams go on to the disk or the engine as fast as they are taken.
import type { Readable } from 'node:stream';
import type { ContainerVerbs, PathStat } from './container-verbs.js';
import type { EngineClient } from './engine-client.js';

/** What dockerode's getArchive resolves to: the answer stream, with its headers. */
type ArchiveAnswer = Readable & { headers?: Record<string, string | undefined> };

/** Go's os.FileMode bits beside the permissions, as the engine's stat reports them. */
const GO_MODE = { dir: 2 ** 31, symlink: 2 ** 27, setuid: 2 ** 23, setgid: 2 ** 22, sticky: 2 ** 20 };

export function archiveCalls(client: EngineClient): Pick<ContainerVerbs, 'statPath' | 'readArchive' | 'writeArchive'> {
  const { docker } = client;
  const open = (id: string, path: string): Promise<ArchiveAnswer | null> =>
    client.orNull(`read ${path} from container ${id}`, async () => (await docker.getContainer(id).getArchive({ path })) as ArchiveAnswer);
  const statOf = (answer: ArchiveAnswer, path: string): PathStat => {
    const stat = readPathStat(answer.headers?.['x-docker-container-path-stat']);
    return stat ?? { name: path.split('/').pop() ?? path, size: 0, mode: 0o644, isDir: false, isSymlink: false, linkTarget: '' };
  };
  return {
    async statPath(id, path) {
      // The stat rides in a header; the body is not read (HEAD would leave dockerode's socket open, see container-file-calls).
      const answer = await open(id, path);
      answer?.destroy();
      return answer === null ? null : statOf(answer, path);
    },

    async readArchive(id, path) {
      const answer = await open(id, path);
      return answer === null ? null : { stat: statOf(answer, path), tar: answer };
    },

    async writeArchive(id, dir, tar) {
      // noOverwriteDirNonDir: a folder never silently replaces a file, nor a file a folder (as `docker cp` asks).
      await client.call(`copy into ${dir} of container ${id}`, () =>
        docker.getContainer(id).putArchive(tar as unknown as string, { path: dir, noOverwriteDirNonDir: true }),
      );
    },
  };
}

/** The engine's `X-Docker-Container-Path-Stat` header (base64 JSON with a Go FileMode) → a PathStat; null when unreadable. */
export function readPathStat(header: string | undefined): PathStat | null {
  if (header === undefined) return null;
  let raw: { name?: unknown; size?: unknown; mode?: unknown; linkTarget?: unknown };
  try {
    raw = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as typeof raw;
  } catch {
    return null;
  }
  if (typeof raw.mode !== 'number' || typeof raw.name !== 'string') return null;
  const mode = raw.mode;
  const has = (bit: number): boolean => Math.floor(mode / bit) % 2 === 1;
  const perm = (mode % 0o1000) | (has(GO_MODE.setuid) ? 0o4000 : 0) | (has(GO_MODE.setgid) ? 0o2000 : 0) | (has(GO_MODE.sticky) ? 0o1000 : 0);
  return {
    name: raw.name,
    size: typeof raw.size === 'number' ? raw.size : 0,
    mode: perm,
    isDir: has(GO_MODE.dir),
    isSymlink: has(GO_MODE.symlink),
    linkTarget: typeof raw.linkTarget === 'string' ? raw.linkTarget : '',
  };
}
