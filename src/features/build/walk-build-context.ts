// The one walk of a build context: the files a build sends (after .dockerignore, as the docker CLI filters them), each
// with the size, mode and time the tar will carry. Like `docker build -f`, the Dockerfile and .dockerignore are always
// sent, and a Dockerfile outside the context is added to it under a generated name that .dockerignore lists.
import { lstatSync, readdirSync, readFileSync, readlinkSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import dockerIgnoreModule from '@balena/dockerignore';
import { readInputFile } from '../../base/read-input-file.js';
import type { BuildContextEntry } from '../../engine/engine.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import type { BuildSpec } from '../../spec/image-source.js';
import { sha256Hex } from '../../base/sha256.js';

// CommonJS (`module.exports = factory`) typed as `export default factory`: at run time the default import is the factory.
const dockerIgnore = dockerIgnoreModule as unknown as typeof dockerIgnoreModule.default;

/** A Dockerfile is a page of text; anything this big is the wrong file. */
const MAX_DOCKERFILE_BYTES = 1024 * 1024;

export interface WalkedContext {
  /** Sorted by path. */
  entries: BuildContextEntry[];
  /** The Dockerfile's path in the sent context. */
  dockerfile: string;
}

export function walkBuildContext(build: BuildSpec): WalkedContext {
  const ignoreText = readIgnoreFile(build);
  const keep = dockerIgnore({ ignorecase: false }).add(ignoreText ?? '').createFilter();
  // A folder left out whole is not walked (node_modules, datasets) unless a "!" pattern may bring files back from it.
  const hasExceptions = /^\s*!/m.test(ignoreText ?? '');
  const found = new Map<string, BuildContextEntry>();
  const walk = (rel: string): void => {
    let dirents;
    try {
      dirents = readdirSync(join(build.context, rel), { withFileTypes: true });
    } catch (err) {
      throw contextError(build, err);
    }
    for (const dirent of dirents) {
      const path = rel === '' ? dirent.name : `${rel}/${dirent.name}`;
      if (dirent.isDirectory()) {
        if (hasExceptions || keep(path) || keep(`${path}/`)) walk(path);
      } else if (keep(path)) {
        const entry = entryAt(build, path);
        if (entry) found.set(path, entry);
      }
    }
  };
  walk('');

  const outside = outsideDockerfile(build);
  const dockerfile = outside === null ? insidePath(build) : `.dockerfile.${sha256Hex(outside.text).slice(0, 20)}`;
  // Sent even when .dockerignore lists them, as the docker CLI does; the engine leaves them out of COPY itself.
  for (const path of ['.dockerignore', ...(outside === null ? [dockerfile] : [])]) {
    const entry = found.get(path) ?? entryAt(build, path);
    if (entry) found.set(path, entry);
  }
  if (outside !== null) {
    found.set(dockerfile, { path: dockerfile, size: outside.bytes.length, mode: 0o600, mtimeMs: outside.mtimeMs, linkTarget: null, content: outside.bytes });
    const ignore = Buffer.from(`${ignoreText ?? ''}\n${dockerfile}\n`);
    const old = found.get('.dockerignore');
    found.set('.dockerignore', { path: '.dockerignore', size: ignore.length, mode: old?.mode ?? 0o600, mtimeMs: old?.mtimeMs ?? outside.mtimeMs, linkTarget: null, content: ignore });
  } else if (!found.has(dockerfile)) {
    throw new EnvctlError('spec-invalid', `build: no ${build.dockerfile} in ${build.context}`, {
      hint: '`build.dockerfile` is relative to the context (a path outside it, ../Dockerfile, works too)',
    });
  }
  const entries = [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { entries, dockerfile };
}

function readIgnoreFile(build: BuildSpec): string | null {
  try {
    return readInputFile(join(build.context, '.dockerignore'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw contextError(build, err);
  }
}

/** A regular file or symlink as the tar sends it; null for what a build context cannot hold (sockets, FIFOs, devices). */
function entryAt(build: BuildSpec, path: string): BuildContextEntry | null {
  const abs = join(build.context, path);
  let stat: Stats;
  try {
    stat = lstatSync(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw contextError(build, err);
  }
  if (stat.isSymbolicLink()) return { path, size: 0, mode: stat.mode, mtimeMs: stat.mtimeMs, linkTarget: readlinkSync(abs) };
  if (!stat.isFile()) return null;
  return { path, size: stat.size, mode: stat.mode, mtimeMs: stat.mtimeMs, linkTarget: null };
}

function insidePath(build: BuildSpec): string {
  return relative(build.context, resolve(build.context, build.dockerfile)).split(sep).join('/');
}

/** The Dockerfile's text when it lies outside the context (`dockerfile: ../Dockerfile`, or an absolute path). */
function outsideDockerfile(build: BuildSpec): { text: string; bytes: Buffer; mtimeMs: number } | null {
  const rel = relative(build.context, resolve(build.context, build.dockerfile));
  if (!(rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel))) return null;
  const abs = resolve(build.context, build.dockerfile);
  let stat: Stats;
  try {
    stat = statSync(abs); // a symlinked Dockerfile is followed, as docker does
  } catch (err) {
    throw new EnvctlError('spec-invalid', `build: no Dockerfile ${abs}: ${(err as Error).message}`, {
      hint: '`build.dockerfile` is relative to the context (or absolute)',
      cause: err,
    });
  }
  if (!stat.isFile() || stat.size > MAX_DOCKERFILE_BYTES) {
    throw new EnvctlError('spec-invalid', `build: ${abs} is not a Dockerfile (${stat.isFile() ? `${stat.size} bytes` : 'not a regular file'})`, {
      hint: '`build.dockerfile` names the Dockerfile, relative to the context',
    });
  }
  const bytes = readFileSync(abs);
  return { text: bytes.toString('utf8'), bytes, mtimeMs: stat.mtimeMs };
}

export function contextError(build: BuildSpec, err: unknown): EnvctlError {
  return new EnvctlError('spec-invalid', `build: cannot read the context ${build.context}: ${(err as Error).message}`, {
    hint: '`build:` (or `build.context`) is a folder relative to the spec file',
    cause: err,
  });
}
