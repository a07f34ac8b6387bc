// Reads one text file envctl takes as input (the spec, .env, env_file, ssh keys, .dockerignore, ~/.ssh/config, …):
// a regular file only, opened so that a FIFO never blocks, and never more than a limit — /dev/zero, a pipe or a
// 50 MB file is a clear error naming the file, not a hang or gigabytes of memory.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { EnvctlError } from '../errors/envctl-error.js';

/** The most envctl reads from one input file: a spec, .env or key file is a few KiB, a large one tens of KiB. */
export const MAX_INPUT_FILE_BYTES = 1024 * 1024;

/** A file envctl refuses to read; `reason` completes "<file> …" (the file is named by whoever reports it). */
export class InputFileError extends Error {
  readonly reason: string;
  readonly hint: string;
  constructor(path: string, reason: string, hint: string) {
    super(`${path} ${reason}`);
    this.name = 'InputFileError';
    this.reason = reason;
    this.hint = hint;
  }
}

/** Throws InputFileError for a non-regular or too large file, else as openSync does (ENOENT, EACCES …). */
export function readInputFile(path: string, limit = MAX_INPUT_FILE_BYTES): string {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw new InputFileError(path, `is ${kindOf(stat)}, not a regular file`, 'envctl reads its inputs from regular files: write this one to a file first');
    }
    const tooLarge = () => new InputFileError(path, `is larger than ${formatLimit(limit)}, the most envctl reads from one file`, 'is it the right file? specs, .env files and keys are a few KiB');
    if (stat.size > limit) throw tooLarge();
    // The size a file reports is not trusted (files under /proc say 0): read until the end, stopping past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) throw tooLarge();
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * A file envctl reads and then rewrites (~/.ssh/config, known_hosts): '' when it does not exist yet; any other
 * failure stops the command, so a file that could not be read is never replaced.
 */
export function readUnlessMissing(path: string): string {
  try {
    return readInputFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    const { reason, hint } = describeReadError(err);
    throw new EnvctlError('file-unreadable', `${path} ${reason}; it was left as it is`, { hint: hint ?? 'check its permissions', cause: err });
  }
}

/** The readInputFile error's own words for a caller that names the file itself ("env_file x …"), else the error's message. */
export function describeReadError(err: unknown): { reason: string; hint?: string } {
  if (err instanceof InputFileError) return { reason: err.reason, hint: err.hint };
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { reason: 'does not exist' };
  if (code === 'EACCES' || code === 'EPERM') return { reason: 'cannot be read (permission denied)' };
  return { reason: `cannot be read (${code ?? (err as Error).message})` };
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'something else';
}

function formatLimit(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}
