// A unix-socket proxy in front of a Docker Engine that counts the HTTP requests going through it and can stop the
// client (SIGKILL) or run anything (restart an engine) right after the k-th request is ANSWERED — so "killed after
// the k-th engine call" is exact, without a single hook in envctl's production code. It can also HOLD the answer to
// a chosen request (the engine did the work, the client has not heard yet) until the test releases it: a signal sent
// meanwhile lands exactly while that call is in flight.
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** A request line starts every HTTP/1.1 request; dockerode's JSON bodies never contain one. */
const REQUEST_LINE = /(?:^|\r\n)(?:GET|POST|PUT|DELETE|HEAD) \/[^ \r\n]* HTTP\/1\.[01]\r\n/g;

export interface CountingProxy {
  /** DOCKER_HOST for clients that should go through the proxy. */
  readonly host: string;
  /** Requests seen so far. */
  count(): number;
  /** Paths of the requests seen so far, in order ("POST /v1.41/containers/create?name=…"). */
  requests(): string[];
  /**
   * Calls `then` once, right after the engine's answer to request number `k` (1-based) starts to arrive, and from
   * then on cuts every connection without forwarding anything more: the client never learns the answer.
   */
  trip(k: number, then: () => void | Promise<void>): void;
  /**
   * Holds the answer to the first request from now on whose line `match`es (given its 1-based number), after letting
   * `passBytes` bytes of it through (default 0), until `release()`; the rest of the traffic flows on.
   */
  hold(match: (request: string, n: number) => boolean, options?: { passBytes?: number }): Hold;
  close(): Promise<void>;
}

export interface Hold {
  /** Resolves with the request line once its answer is being held. */
  readonly started: Promise<string>;
  /** Sends what was held and lets the answer flow on. */
  release(): void;
}

interface HoldState {
  match: (request: string, n: number) => boolean;
  passBytes: number;
  target: number | null;
  passed: number;
  released: boolean;
  buffered: { to: Socket; chunk: Buffer }[];
  start: (request: string) => void;
}

export async function startCountingProxy(engineSocket: string): Promise<CountingProxy> {
  const dir = mkdtempSync('/tmp/envctl-px-');
  const path = join(dir, 'proxy.sock');
  const sockets = new Set<Socket>();
  const seen: string[] = [];
  let tripAt: number | null = null;
  let onTrip: (() => void | Promise<void>) | null = null;
  let tripped = false;
  let holding: HoldState | null = null;

  const cutAll = (): void => {
    for (const s of sockets) s.destroy();
  };

  const server: Server = createServer((client) => {
    const upstream = createConnection(engineSocket);
    sockets.add(client);
    sockets.add(upstream);
    // Request numbers sent on this connection and not answered yet (HTTP/1.1 answers in order).
    const waiting: number[] = [];
    // The request whose answer is arriving now.
    let current: number | undefined;
    client.on('data', (chunk: Buffer) => {
      if (tripped) return;
      for (const m of chunk.toString('latin1').matchAll(REQUEST_LINE)) {
        const line = m[0].trim().replace(/ HTTP\/1\.[01]$/, '');
        seen.push(line);
        waiting.push(seen.length);
        if (holding !== null && holding.target === null && holding.match(line, seen.length)) holding.target = seen.length;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (tripped) return;
      // Streams (logs, pulls) send many chunks per answer; a new answer starts with a status line.
      if (chunk.toString('latin1', 0, 9).startsWith('HTTP/1.')) current = waiting.shift();
      if (current !== undefined && tripAt !== null && current >= tripAt) {
        tripped = true;
        cutAll();
        void onTrip?.();
        return;
      }
      const h = holding;
      if (h !== null && !h.released && current !== undefined && current === h.target) {
        const pass = Math.max(0, Math.min(chunk.length, h.passBytes - h.passed));
        h.passed += pass;
        if (pass > 0) client.write(chunk.subarray(0, pass));
        if (pass < chunk.length) {
          if (h.buffered.length === 0) h.start(seen[current - 1]!);
          h.buffered.push({ to: client, chunk: chunk.subarray(pass) });
        }
        return;
      }
      client.write(chunk);
    });
    const close = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', close);
    upstream.on('close', close);
    client.on('error', close);
    upstream.on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));

  return {
    host: `unix://${path}`,
    count: () => seen.length,
    requests: () => [...seen],
    trip(k, then) {
      tripped = false;
      tripAt = k;
      onTrip = then;
    },
    hold(match, options = {}) {
      let start!: (request: string) => void;
      const started = new Promise<string>((resolve) => {
        start = resolve;
      });
      const state: HoldState = { match, passBytes: options.passBytes ?? 0, target: null, passed: 0, released: false, buffered: [], start };
      holding = state;
      return {
        started,
        release() {
          state.released = true;
          for (const { to, chunk } of state.buffered.splice(0)) if (!to.destroyed) to.write(chunk);
        },
      };
    },
    async close() {
      cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The engine's unix socket path from DOCKER_HOST (default /var/run/docker.sock). */
export function engineSocketPath(host = process.env.DOCKER_HOST): string {
  if (!host) return '/var/run/docker.sock';
  if (!host.startsWith('unix://')) throw new Error(`the counting proxy needs a unix socket engine, DOCKER_HOST is ${host}`);
  return host.slice('unix://'.length);
}
