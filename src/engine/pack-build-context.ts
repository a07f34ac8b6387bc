// Streams a build context as the uncompressed tar `docker build` sends (pack-tar.ts does the streaming): the context's
// files and symlinks by their paths in it, a file that cannot be read named as part of the build context.
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { EnvctlError } from '../errors/envctl-error.js';
import type { BuildContextEntry } from './engine.js';
import { packTar, type PackEntry } from './pack-tar.js';

/** onSent(bytes): file bytes handed to the stream so far (out of the entries' total size). */
export function packBuildContext(root: string, entries: readonly BuildContextEntry[], onSent?: (bytes: number) => void): Readable {
  const packed = entries.map(
    (e): PackEntry => ({
      name: e.path,
      kind: e.linkTarget === null ? 'file' : 'symlink',
      source: join(root, e.path),
      size: e.size,
      mode: e.mode,
      mtimeMs: e.mtimeMs,
      linkTarget: e.linkTarget ?? '',
      ...(e.content === undefined ? {} : { content: e.content }),
    }),
  );
  return packTar(packed, { ...(onSent === undefined ? {} : { onSent }), cannotRead: cannotSend });
}

function cannotSend(entry: PackEntry, why: string, cause?: unknown): EnvctlError {
  return new EnvctlError('build-failed', `cannot send ${entry.name} of the build context: ${why}`, {
    hint: 'leave the context alone while apply builds (or list the file in .dockerignore), then apply again',
    ...(cause === undefined ? {} : { cause }),
  });
}
