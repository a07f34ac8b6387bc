// The build context stream is a tar that real tar reads back exactly (long and non-ASCII names, symlinks, modes, files
// over ustar's 8 GiB), reads files only as it is consumed, and closes its file when destroyed.
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { BuildContextEntry } from '../../../src/engine/engine.js';
import { packBuildContext } from '../../../src/engine/pack-build-context.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import { waitFor } from '../../support/wait-for.js';
import { rejectionOf } from '../../support/expect-error.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'envctl-pack-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const LONG = `${'d'.repeat(120)}/${'f'.repeat(150)}.txt`;

function entry(path: string, extra: Partial<BuildContextEntry> = {}): BuildContextEntry {
  const abs = join(dir, 'ctx', path);
  const stat = statSync(abs, { throwIfNoEntry: false });
  return { path, size: stat?.size ?? 0, mode: stat?.mode ?? 0o644, mtimeMs: stat?.mtimeMs ?? 0, linkTarget: null, ...extra };
}

function put(path: string, content: string | Buffer, mode = 0o644): void {
  mkdirSync(join(dir, 'ctx', path, '..'), { recursive: true });
  writeFileSync(join(dir, 'ctx', path), content, { mode });
}

describe('the build context tar', () => {
  test('real tar extracts exactly what was packed: contents, modes, symlinks, long and non-ASCII names, inline content', async () => {
    put('Dockerfile', 'FROM scratch\n');
    put('bin/run.sh', '#!/bin/sh\necho hi\n', 0o755);
    put(LONG, 'deep\n');
    put('données/été.txt', 'accents\n');
    put('blocks.bin', Buffer.alloc(3 * 512 + 7, 1));
    symlinkSync('bin/run.sh', join(dir, 'ctx', 'link'));
    const entries = [
      entry('Dockerfile'),
      entry('bin/run.sh'),
      entry('blocks.bin'),
      entry(LONG),
      entry('données/été.txt'),
      entry('link', { linkTarget: 'bin/run.sh', size: 0 }),
      { path: '.dockerfile.0123', size: 6, mode: 0o600, mtimeMs: 0, linkTarget: null, content: Buffer.from('FROM x') },
    ];
    const sent: number[] = [];
    await pipeline(packBuildContext(join(dir, 'ctx'), entries, (n) => sent.push(n)), createWriteStream(join(dir, 'out.tar')));
    expect(sent.at(-1)).toBe(entries.reduce((sum, e) => sum + e.size, 0));

    mkdirSync(join(dir, 'x'));
    await execa('tar', ['-xf', join(dir, 'out.tar'), '-C', join(dir, 'x')]);
    expect(readFileSync(join(dir, 'x', LONG), 'utf8')).toBe('deep\n');
    expect(readFileSync(join(dir, 'x', 'données/été.txt'), 'utf8')).toBe('accents\n');
    expect(readFileSync(join(dir, 'x', 'blocks.bin'))).toEqual(Buffer.alloc(3 * 512 + 7, 1));
    expect(readFileSync(join(dir, 'x', '.dockerfile.0123'), 'utf8')).toBe('FROM x');
    expect(statSync(join(dir, 'x', 'bin/run.sh')).mode & 0o777).toBe(0o755);
    expect(readlinkSync(join(dir, 'x', 'link'))).toBe('bin/run.sh');
    const listing = String((await execa('tar', ['-tvf', join(dir, 'out.tar'), '--numeric-owner'])).stdout);
    expect(listing.split('\n').every((line) => line.includes(' 0/0 '))).toBe(true);
  });

  test('a file over 8 GiB gets a size field that real tar reads (the headers only: no 9 GiB is read)', async () => {
    const size = 9 * 1024 ** 3;
    put('huge.bin', '');
    truncateSync(join(dir, 'ctx', 'huge.bin'), size); // a hole: no disk
    writeFileSync(join(dir, 'ctx', 'huge.bin'), 'HUGE-START', { flag: 'r+' });
    const stream = packBuildContext(join(dir, 'ctx'), [entry('huge.bin')]);
    let head = Buffer.alloc(0);
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      head = Buffer.concat([head, chunk]);
      if (head.includes('HUGE-START')) break; // leaving the loop destroys the stream
    }
    const header = head.subarray(0, head.indexOf('HUGE-START'));
    const file = join(dir, 'huge.tar');
    writeFileSync(file, header);
    truncateSync(file, header.length + size + ((512 - (size % 512)) % 512)); // the file's bytes as a hole
    appendFileSync(file, Buffer.alloc(1024)); // the end of the archive
    const listing = String((await execa('tar', ['-tvf', file])).stdout);
    expect(listing).toMatch(new RegExp(`\\s${size}\\s.*huge\\.bin$`));
  });

  test('mode 000 and times before 1970 or after 2038 still make headers real tar reads', async () => {
    put('future.txt', 'later\n');
    utimesSync(join(dir, 'ctx', 'future.txt'), new Date('2040-01-01'), new Date('2040-01-01'));
    put('past.txt', 'earlier\n');
    utimesSync(join(dir, 'ctx', 'past.txt'), new Date('1960-01-01'), new Date('1960-01-01'));
    const entries = [entry('future.txt'), entry('past.txt'), { path: 'locked', size: 2, mode: 0, mtimeMs: 0, linkTarget: null, content: Buffer.from('no') }];
    await pipeline(packBuildContext(join(dir, 'ctx'), entries), createWriteStream(join(dir, 'out.tar')));
    const listing = String((await execa('tar', ['-tvf', join(dir, 'out.tar'), '--numeric-owner', '--full-time'], { env: { TZ: 'UTC' } })).stdout).split('\n');
    expect(listing[0]).toMatch(/^-rw-r--r-- 0\/0\s+6 2038-01-19 \S+ future\.txt$/); // the latest time a header holds
    expect(listing[1]).toMatch(/^-rw-r--r-- 0\/0\s+8 1970-01-01 \S+ past\.txt$/);
    expect(listing[2]).toMatch(/^---------- 0\/0\s+2 1970-01-01 \S+ locked$/);
  });

  test('a file that shrank since the context was read stops the stream with an error naming it', async () => {
    put('data.bin', Buffer.alloc(4096));
    const grown = entry('data.bin', { size: 8192 });
    const failed = await rejectionOf(pipeline(packBuildContext(join(dir, 'ctx'), [grown]), createWriteStream(join(dir, 'out.tar'))), EnvctlError);
    expect(failed.message).toBe('cannot send data.bin of the build context: it became shorter (4096 of 8192 bytes) while it was sent');
  });

  test('it reads only as it is consumed, and destroying it closes the open file', async () => {
    put('big.bin', '');
    truncateSync(join(dir, 'ctx', 'big.bin'), 1024 ** 3);
    const sent: number[] = [];
    const stream = packBuildContext(join(dir, 'ctx'), [entry('big.bin')], (n) => sent.push(n));
    const openFiles = (): string[] =>
      readdirSync('/proc/self/fd').flatMap((fd) => {
        try {
          return [readlinkSync(`/proc/self/fd/${fd}`)];
        } catch {
          return [];
        }
      });
    stream.once('readable', () => undefined); // starts the reading, as a consumer would
    // Nobody reads: the stream fills its buffer (the header and the file's first MiB), bounded in time, and stops there.
    await waitFor(() => stream.readableLength >= 1024 ** 2, { timeoutMs: 5000, intervalMs: 1, what: 'the stream to buffer 1 MiB' });
    expect(openFiles()).toContain(join(dir, 'ctx', 'big.bin'));
    expect(Math.max(...sent)).toBeLessThanOrEqual(4 * 1024 ** 2);
    stream.destroy();
    await new Promise((resolve) => stream.once('close', resolve));
    // The generator's finally closes the handle asynchronously: wait for that, bounded.
    await waitFor(() => !openFiles().includes(join(dir, 'ctx', 'big.bin')), { timeoutMs: 5000, intervalMs: 1, what: 'big.bin to be closed' });
  });
});
