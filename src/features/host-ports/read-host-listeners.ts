// Which processes of this machine hold host ports (listening TCP sockets, bound UDP ones), read from /proc: a port a
// plan wants to publish that something else holds is a conflict at plan time, named ("python3 (pid 1234)").
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import type { PortListener } from '../../plan/observed-state.js';

const TABLES: [file: string, protocol: 'tcp' | 'udp', v6: boolean, bound: string][] = [
  // st 0A = LISTEN for TCP; st 07 = a bound, unconnected UDP socket.
  ['/proc/net/tcp', 'tcp', false, '0A'],
  ['/proc/net/tcp6', 'tcp', true, '0A'],
  ['/proc/net/udp', 'udp', false, '07'],
  ['/proc/net/udp6', 'udp', true, '07'],
];

/** A socket bound to a host port; `inode` finds the process holding it. */
export type PortSocket = Omit<PortListener, 'holder'> & { inode: string };

/** The sockets on these ports ("8080/tcp"), read from /proc/net (cheap: four small files). */
export function readPortSockets(wanted: ReadonlySet<string>): PortSocket[] {
  const found: PortSocket[] = [];
  for (const [file, protocol, v6, bound] of TABLES) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [address, portHex] = (cols[1] ?? '').split(':');
      if (address === undefined || portHex === undefined || cols[3] !== bound) continue;
      const port = parseInt(portHex, 16);
      if (!wanted.has(`${port}/${protocol}`)) continue;
      found.push({ hostIp: v6 ? ipv6(address) : ipv4(address), port, protocol, inode: cols[9] ?? '0' });
    }
  }
  return found;
}

/**
 * Who holds each socket, by reading the fds of every process this user may read (tens of ms on a busy machine, so
 * only for the sockets that are conflicts). When /proc does not say (another user's process), the holder says so.
 */
export function nameSocketHolders(sockets: readonly PortSocket[]): PortListener[] {
  if (sockets.length === 0) return [];
  const owners = socketOwners(new Set(sockets.map((f) => f.inode)));
  return sockets.map(({ inode, ...rest }) => ({ ...rest, holder: owners.get(inode) ?? 'a process this user cannot see (another user’s, or in another container)' }));
}

/** /proc/net writes each 32-bit word of an address in the machine's (little-endian) byte order. */
function words(hex: string): number[] {
  const bytes: number[] = [];
  for (let w = 0; w < hex.length; w += 8) {
    const word = hex.slice(w, w + 8);
    for (let b = 6; b >= 0; b -= 2) bytes.push(parseInt(word.slice(b, b + 2), 16));
  }
  return bytes;
}

function ipv4(hex: string): string {
  return words(hex).join('.');
}

function ipv6(hex: string): string {
  const bytes = words(hex);
  // An IPv4-mapped address (::ffff:a.b.c.d) is that IPv4 address.
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  if (bytes.every((b) => b === 0)) return '::';
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

/** Socket inode → "comm (pid N)", by reading the fds of the processes this user may read. */
function socketOwners(inodes: Set<string>): Map<string, string> {
  const owners = new Map<string, string>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return owners;
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode === undefined || !inodes.has(inode) || owners.has(inode)) continue;
      owners.set(inode, `${processName(pid)} (pid ${pid})`);
    }
    if (owners.size === inodes.size) break;
  }
  return owners;
}

function processName(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() || 'a process';
  } catch {
    return 'a process';
  }
}
