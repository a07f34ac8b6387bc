// The one way a test gets a host port to publish: free now on this machine (nothing listens on it, over TCP or UDP),
// outside the kernel's ephemeral range (which the engine draws from for `127.0.0.1::80`, and outgoing connections
// too), and reserved for this test process against every other one — test files run in parallel, and so may other
// runs of the suite on the same machine — by a lock file that names the holder's pid (a dead holder's is taken over).
import { createSocket } from 'node:dgram';
import { linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from './process-alive.js';

const LOCKS = join(tmpdir(), 'envctl-test-ports');
const LOWEST = 20000;
/** Just below the ephemeral range this kernel uses (32768 on Linux unless someone changed it). */
const HIGHEST = (() => {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > LOWEST + 1000 ? low - 1 : 32767;
  } catch {
    return 32767;
  }
})();
const mine = new Set<number>();
let pruned = false;

process.once('exit', () => {
  for (const port of mine) rmSync(join(LOCKS, String(port)), { force: true });
});

/** Test workers are often ended without an 'exit' event: the locks of dead processes go before the first pick. */
function pruneDeadLocks(): void {
  mkdirSync(LOCKS, { recursive: true });
  if (pruned) return;
  pruned = true;
  for (const name of readdirSync(LOCKS)) {
    if (/^\d+$/.test(name) && !holderAlive(join(LOCKS, name))) rmSync(join(LOCKS, name), { force: true });
  }
}

/** A host port nobody uses now and no other test process will be given. */
export async function freePort(): Promise<number> {
  return freePortBlock(1);
}

/** The first of `size` consecutive free host ports, reserved as `freePort` does; the first is a multiple of `size`. */
export async function freePortBlock(size: number): Promise<number> {
  pruneDeadLocks();
  const blocks = Math.floor((HIGHEST - LOWEST + 1) / size);
  for (let attempt = 0; attempt < 200; attempt++) {
    const first = (Math.ceil(LOWEST / size) + Math.floor(Math.random() * blocks)) * size;
    const ports = Array.from({ length: size }, (_, i) => first + i);
    if (ports.some((p) => p > HIGHEST)) continue;
    const taken: number[] = [];
    for (const port of ports) {
      if (!reserve(port)) break;
      taken.push(port);
    }
    if (taken.length === size && (await Promise.all(ports.map(isFree))).every(Boolean)) return first;
    for (const port of taken) release(port);
  }
  throw new Error(`no block of ${size} free host port(s) between ${LOWEST} and ${HIGHEST} after 200 tries`);
}

/** Takes the lock file of `port` for this process, unless a live process holds it. */
function reserve(port: number): boolean {
  if (mine.has(port)) return false;
  const file = join(LOCKS, String(port));
  // Written aside, then linked into place: a lock file is never seen half-written (link fails if it exists).
  const draft = `${file}.${process.pid}`;
  writeFileSync(draft, String(process.pid));
  try {
    for (let i = 0; i < 2; i++) {
      try {
        linkSync(draft, file);
        mine.add(port);
        return true;
      } catch {
        if (holderAlive(file)) return false;
        rmSync(file, { force: true });
      }
    }
    return false;
  } finally {
    rmSync(draft, { force: true });
  }
}

function release(port: number): void {
  mine.delete(port);
  rmSync(join(LOCKS, String(port)), { force: true });
}

function holderAlive(file: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8'));
  } catch {
    return false; // gone meanwhile: free to take
  }
  return Number.isInteger(pid) && pid > 0 && processAlive(pid);
}

/** Nothing listens on `port` on any address, over TCP or UDP (a bind to 0.0.0.0 would collide with either). */
async function isFree(port: number): Promise<boolean> {
  const tcp = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => server.close(() => resolve(true)));
  });
  if (!tcp) return false;
  return new Promise<boolean>((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      try {
        socket.close();
      } catch {
        // never bound: nothing to close
      }
      resolve(false);
    });
    socket.bind({ port, address: '0.0.0.0', exclusive: true }, () => socket.close(() => resolve(true)));
  });
}
