// Tar headers (POSIX ustar, with a pax record for what ustar cannot hold) for the build context stream: regular
// files and symlinks, owned by root like the docker CLI sends them, which is all a build context needs.

export const TAR_BLOCK = 512;
/** The largest size ustar's 11 octal digits hold (8 GiB - 1); bigger files get a pax `size` record. */
const USTAR_MAX_SIZE = 0o77777777777;

export interface TarFile {
  path: string;
  size: number;
  mode: number;
  mtimeMs: number;
  /** Set for a symlink. */
  linkTarget: string | null;
}

/** The header block(s) to write before the file's bytes (none for a symlink). */
export function tarHeader(file: TarFile): Buffer {
  const pax: [string, string][] = [];
  const name = fitsUstar(file.path, 100) ? file.path : (pax.push(['path', file.path]), placeholder(file.path));
  const link = file.linkTarget ?? '';
  const linkName = fitsUstar(link, 100) ? link : (pax.push(['linkpath', link]), placeholder(link));
  const size = file.linkTarget !== null ? 0 : file.size;
  if (size > USTAR_MAX_SIZE) pax.push(['size', String(size)]);
  const header = block({
    name,
    mode: file.mode & 0o7777,
    size: size > USTAR_MAX_SIZE ? 0 : size,
    mtime: Math.floor(file.mtimeMs / 1000),
    type: file.linkTarget !== null ? '2' : '0',
    linkName,
  });
  if (pax.length === 0) return header;
  const records = Buffer.from(pax.map(([key, value]) => paxRecord(key, value)).join(''), 'utf8');
  const paxHeader = block({ name: placeholder(`PaxHeaders/${file.path}`), mode: 0o644, size: records.length, mtime: 0, type: 'x', linkName: '' });
  return Buffer.concat([paxHeader, records, Buffer.alloc(padding(records.length)), header]);
}

/** Zero bytes that complete a file's last block. */
export function padding(size: number): number {
  return (TAR_BLOCK - (size % TAR_BLOCK)) % TAR_BLOCK;
}

/** The two zero blocks that end an archive. */
export function tarEnd(): Buffer {
  return Buffer.alloc(2 * TAR_BLOCK);
}

function fitsUstar(text: string, max: number): boolean {
  // ASCII only: other bytes in ustar fields are read in a reader-dependent charset, a pax record is UTF-8.
  return text.length <= max && /^[\x20-\x7e]*$/.test(text);
}

/** What ustar readers without pax support see instead of a long or non-ASCII name. */
function placeholder(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '_').slice(-99);
}

/** "<length> <key>=<value>\n", where length counts the whole record, its own digits included. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bytes = Buffer.byteLength(body);
  let length = bytes + 1;
  while (length !== bytes + String(length).length) length = bytes + String(length).length;
  return `${length}${body}`;
}

interface Fields {
  name: string;
  mode: number;
  size: number;
  mtime: number;
  type: '0' | '2' | 'x';
  linkName: string;
}

function block(f: Fields): Buffer {
  const b = Buffer.alloc(TAR_BLOCK);
  b.write(f.name, 0, 100, 'ascii');
  octal(b, 100, 8, f.mode);
  octal(b, 108, 8, 0); // uid: root, as docker sends a context
  octal(b, 116, 8, 0); // gid
  octal(b, 124, 12, f.size);
  octal(b, 136, 12, f.mtime);
  b.write(' '.repeat(8), 148, 8, 'ascii'); // the checksum counts its own field as spaces
  b.write(f.type, 156, 1, 'ascii');
  b.write(f.linkName, 157, 100, 'ascii');
  b.write('ustar\u000000', 257, 8, 'ascii');
  let sum = 0;
  for (const byte of b) sum += byte;
  b.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return b;
}

/** A number as zero-padded octal digits ending in NUL, filling the field. */
function octal(b: Buffer, offset: number, length: number, value: number): void {
  b.write(`${Math.max(0, value).toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}
