// The engine's container streams taken apart without an engine: stdout and stderr frames (a frame split across
// chunks, a TTY's raw stream), the archive API's path stat header (Go file modes), and the names a container's tar may
// use when unpacked (nothing may land outside the copy).
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { readPathStat } from '../../../src/engine/archive-calls.js';
import { logQuery } from '../../../src/engine/log-calls.js';
import { splitOutput } from '../../../src/engine/split-output.js';
import { nameBelowTop } from '../../../src/features/copy/extract-archive.js';

const frame = (stream: number, payload: string): Buffer => {
  const body = Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
};

describe('splitOutput', () => {
  it('parts framed output into stdout and stderr, also when a frame is cut across chunks', async () => {
    const source = new PassThrough();
    const { stdout, stderr } = splitOutput(source, false);
    const all = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err\n'), frame(1, 'out two\n')]);
    source.write(all.subarray(0, 5));
    source.write(all.subarray(5, 21));
    source.end(all.subarray(21));
    expect(await Promise.all([text(stdout), text(stderr)])).toEqual(['out one\nout two\n', 'err\n']);
  });

  it('passes a TTY stream as it is, on stdout; stderr ends empty', async () => {
    const source = new PassThrough();
    const { stdout, stderr } = splitOutput(source, true);
    source.end('\x1b[1mraw\r\n');
    expect(await Promise.all([text(stdout), text(stderr)])).toEqual(['\x1b[1mraw\r\n', '']);
  });
});

describe('readPathStat', () => {
  const header = (stat: object): string => Buffer.from(JSON.stringify(stat)).toString('base64');
  it('reads a folder, a setuid file and a symlink from Go file modes', () => {
    expect(readPathStat(header({ name: 'etc', size: 4096, mode: 2 ** 31 + 0o755, linkTarget: '' }))).toMatchObject({ name: 'etc', isDir: true, mode: 0o755 });
    expect(readPathStat(header({ name: 'su', size: 10, mode: 2 ** 23 + 0o755 }))).toMatchObject({ isDir: false, mode: 0o4755 });
    expect(readPathStat(header({ name: 'l', size: 4, mode: 2 ** 27 + 0o777, linkTarget: '/x' }))).toMatchObject({ isSymlink: true, linkTarget: '/x' });
  });
  it('is null for no header or one that is not the stat', () => {
    expect(readPathStat(undefined)).toBeNull();
    expect(readPathStat('not base64 json')).toBeNull();
    expect(readPathStat(header({ size: 1 }))).toBeNull();
  });
});

describe('nameBelowTop', () => {
  it('strips the top entry, keeps "./" contents, refuses absolute names and ..', () => {
    expect(nameBelowTop('src')).toBe('');
    expect(nameBelowTop('src/sub/f')).toBe('sub/f');
    expect(nameBelowTop('./sub/f')).toBe('sub/f');
    expect(nameBelowTop('.')).toBe('');
    expect(nameBelowTop('/etc/passwd')).toBeNull();
    expect(nameBelowTop('src/../../x')).toBeNull();
  });
});

describe('logQuery', () => {
  it('asks for both streams; all lines unless --tail; since only when given', () => {
    expect(logQuery({ follow: true, tail: null, since: null, timestamps: false, tty: false })).toEqual({ stdout: true, stderr: true, follow: true, timestamps: false, tail: 'all' });
    expect(logQuery({ follow: false, tail: 5, since: 1700000000, timestamps: true, tty: true })).toMatchObject({ tail: 5, since: 1700000000, timestamps: true });
  });
});
