// A loopback TCP proxy that passes answers on slowly: a few KiB per tick (a slow link that keeps moving), and optionally
// not at all once a connection has passed a number of bytes (a download that stalls). Used in front of the registry.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface SlowProxy {
  /** host:port to use instead of the upstream's. */
  readonly address: string;
  close(): Promise<void>;
}

export interface SlowProxyOptions {
  /** Bytes passed on per tick, answer side. */
  bytesPerTick: number;
  tickMs: number;
  /** After this many answer bytes on one connection, pass nothing more (the connection stays open). */
  stallAfter?: number;
}

export async function startSlowProxy(upstreamPort: number, options: SlowProxyOptions): Promise<SlowProxy> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(upstreamPort, '127.0.0.1');
    sockets.add(client);
    sockets.add(upstream);
    let queue = Buffer.alloc(0);
    let passed = 0;
    const timer = setInterval(() => {
      if (queue.length === 0 || (options.stallAfter !== undefined && passed >= options.stallAfter)) return;
      const slice = queue.subarray(0, options.bytesPerTick);
      queue = queue.subarray(slice.length);
      passed += slice.length;
      client.write(slice);
    }, options.tickMs);
    timers.add(timer);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      queue = Buffer.concat([queue, chunk]);
    });
    const close = (): void => {
      clearInterval(timer);
      timers.delete(timer);
      for (const socket of [client, upstream]) {
        socket.destroy();
        sockets.delete(socket);
      }
    };
    for (const event of ['close', 'error']) client.on(event, close);
    upstream.on('error', close);
    // The upstream closing first: what is queued still goes out at the slow pace, then the client is closed.
    upstream.on('close', () => {
      const drain = setInterval(() => {
        if (queue.length === 0) {
          clearInterval(drain);
          timers.delete(drain);
          client.end();
        }
      }, options.tickMs);
      timers.add(drain);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    address: `127.0.0.1:${port}`,
    async close() {
      for (const t of timers) clearInterval(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
