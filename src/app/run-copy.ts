// Use-case behind `envctl cp`: files between this machine and an environment's container (running or stopped), on
// the engine it runs on, through the archive API — streamed both ways, modes and times kept; "-" is a tar on
// stdin/stdout, as with `docker cp`.
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { packTar } from '../engine/pack-tar.js';
import { EnvctlError } from '../errors/envctl-error.js';
import { extractArchive } from '../features/copy/extract-archive.js';
import { containerPath, containerTarget, localTarget } from '../features/copy/resolve-copy-target.js';
import { emptyCounts, statLocal, walkCopySource, type CopyCounts } from '../features/copy/walk-copy-source.js';
import type { ConnectTo } from './engine-parts.js';
import { onHost, withEnvTarget, type EnvTarget } from './find-env-target.js';
import type { SpecSource } from './run-plan.js';

export interface CopyRequest {
  /** 'from': the environment's path → local; 'to': local → the environment's path. */
  direction: 'from' | 'to';
  env: string;
  /** As written after "ENV:". */
  containerPath: string;
  /** A local path; null = a tar on stdin (to) or stdout (from). */
  local: string | null;
  /** cp -L: a symlink named as the source is copied as what it points to. */
  followLink: boolean;
}

export interface CopyResult extends CopyCounts {
  env: string;
  container: string;
  host: string | null;
  from: string;
  to: string;
}

export interface Stdio {
  stdin: Readable;
  stdout: Writable;
}

export async function runCopy(source: SpecSource, connectTo: ConnectTo, request: CopyRequest, stdio: Stdio): Promise<CopyResult> {
  return withEnvTarget(source, connectTo, request.env, async (target) => {
    const inContainer = `${request.env}:${request.containerPath}`;
    const local = request.local ?? '-';
    const counts = request.direction === 'from' ? await copyOut(target, request, stdio) : await copyIn(target, request, stdio);
    return {
      env: request.env,
      container: target.container.name,
      host: target.host,
      from: request.direction === 'from' ? inContainer : local,
      to: request.direction === 'from' ? local : inContainer,
      ...counts,
    };
  });
}

async function copyOut(target: EnvTarget, request: CopyRequest, stdio: Stdio): Promise<CopyCounts> {
  const { engine, container } = target;
  const wanted = containerPath(request.containerPath);
  // "/d/." asks the engine for the folder's contents (its top entry is "."), which the path alone would lose.
  const path = wanted.contents ? `${wanted.path.replace(/\/$/, '')}/.` : wanted.path;
  let archive = await engine.readArchive(container.id, path);
  if (archive?.stat.isSymlink && request.followLink && archive.stat.linkTarget !== '') {
    archive.tar.destroy();
    const name = archive.stat.name;
    const followed = await engine.readArchive(container.id, archive.stat.linkTarget);
    archive = followed && { stat: { ...followed.stat, name }, tar: followed.tar };
  }
  if (archive === null) throw noSuchPath(target, wanted.path);
  if (request.local === null) {
    await pipeline(archive.tar, stdio.stdout);
    return emptyCounts();
  }
  let destination: string;
  try {
    destination = localTarget(request.local, archive.stat, `${request.env}:${wanted.path}`);
  } catch (err) {
    archive.tar.destroy();
    throw err;
  }
  return extractArchive(archive.tar, destination);
}

async function copyIn(target: EnvTarget, request: CopyRequest, stdio: Stdio): Promise<CopyCounts> {
  const { engine, container, env } = target;
  const wanted = containerPath(request.containerPath);
  if (request.local === null) {
    // A tar from stdin is unpacked as it is: into a folder that must exist.
    if (!(await engine.statPath(container.id, wanted.path))?.isDir) throw noSuchPath(target, wanted.path, 'folder');
    await engine.writeArchive(container.id, wanted.path, stdio.stdin);
    return emptyCounts();
  }
  const isDir = statLocal(request.local, request.followLink).isDirectory();
  const contents = isDir && /(^|\/)\.$/.test(request.local);
  const { dir, top } = await containerTarget(engine, container.id, wanted, { local: request.local, isDir, contents }, env.name);
  const found = walkCopySource(request.local, top, request.followLink);
  const tar = packTar(found.entries, {
    cannotRead: (entry, why, cause) => new EnvctlError('not-found', `cannot copy ${entry.source}: ${why}`, { hint: 'leave the files alone while they are copied, then try again', cause }),
  });
  await engine.writeArchive(container.id, dir, tar);
  const { entries: _sent, ...counts } = found;
  return counts;
}

function noSuchPath(target: EnvTarget, path: string, what = 'file or folder'): EnvctlError {
  return new EnvctlError('not-found', `environment "${target.env.name}" has no ${what} ${path}${onHost(target.host)}`, {
    hint: `\`envctl exec ${target.env.name} -- ls -la ${posixParent(path)}\` lists what is there`,
  });
}

function posixParent(path: string): string {
  const parent = path.replace(/\/[^/]*$/, '');
  return parent === '' ? '/' : parent;
}
