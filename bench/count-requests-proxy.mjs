// A counting proxy in front of the Docker Engine: a unix socket that forwards every byte, and parses the client's side
// of each connection just enough (request line, Content-Length, chunked bodies) to count the HTTP requests by
// operation. Any tool pointed at it with DOCKER_HOST is counted the same way, with no change to the tool.
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// envctl's own request names (src/engine/count-requests.ts, built into dist/ by the bench scripts before they run).
import { classifyRequest } from '../dist/engine/count-requests.js';

/** Calls envctl itself never makes but the tools it is compared with do (docker CLI, Compose); the rest: envctl's. */
const OTHER_TOOLS_CALLS = [
  ['HEAD', /^\/_ping$/, 'ping'],
  ['GET', /^\/version$/, 'version'],
  ['GET', /^\/info$/, 'info'],
  ['GET', /^\/containers\/[^/]+\/changes$/, 'container.changes'],
  ['GET', /^\/images\/json$/, 'image.list'],
  ['GET', /^\/networks\/[^/]+$/, 'network.inspect'],
  ['POST', /^\/networks\/[^/]+\/(connect|disconnect)$/, 'network.$1'],
  ['GET', /^\/swarm$/, 'swarm.inspect'],
  ['GET', /^\/distribution\/.+\/json$/, 'distribution.inspect'],
];

/** 'GET /v1.41/containers/abc/json' → 'container.inspect': the same names as envctl's own request counter. */
export function classify(method, rawPath) {
  const path = rawPath.split('?')[0].replace(/^\/v[0-9.]+/, '');
  for (const [m, re, op] of OTHER_TOOLS_CALLS) {
    const match = m === method ? re.exec(path) : null;
    if (match) return op.replace('$1', match[1] ?? '');
  }
  return classifyRequest(method, path);
}

/** Reads requests off one client→engine byte stream; calls onRequest(method, path) for each. */
function requestParser(onRequest) {
  let buf = Buffer.alloc(0);
  let state = 'head'; // head | body | chunk-size | chunk-data | passthrough
  let remaining = 0;
  return (chunk) => {
    if (state === 'passthrough') return;
    buf = Buffer.concat([buf, chunk]);
    for (;;) {
      if (state === 'head') {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString('latin1');
        buf = buf.subarray(end + 4);
        const [requestLine, ...headerLines] = head.split('\r\n');
        const [method = '', path = ''] = requestLine.split(' ');
        onRequest(method, path);
        const headers = Object.fromEntries(headerLines.map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
        if (headers.upgrade || /\/(attach|exec\/[^/]+\/start)$/.test(path.split('?')[0])) {
          state = 'passthrough'; // a hijacked stream: no more requests on this connection to count
          return;
        }
        if (/chunked/i.test(headers['transfer-encoding'] ?? '')) state = 'chunk-size';
        else if (Number(headers['content-length'] ?? 0) > 0) {
          state = 'body';
          remaining = Number(headers['content-length']);
        }
      } else if (state === 'body' || state === 'chunk-data') {
        const take = Math.min(remaining, buf.length);
        buf = buf.subarray(take);
        remaining -= take;
        if (remaining > 0) return;
        state = state === 'body' ? 'head' : 'chunk-size';
      } else if (state === 'chunk-size') {
        const end = buf.indexOf('\r\n');
        if (end < 0) return;
        const line = buf.subarray(0, end).toString('latin1').trim();
        buf = buf.subarray(end + 2);
        if (line === '') continue; // the CRLF after a chunk's data
        const size = parseInt(line, 16);
        if (size === 0) {
          // last chunk: skip the (empty) trailer
          const trailerEnd = buf.indexOf('\r\n');
          if (trailerEnd < 0) return;
          buf = buf.subarray(trailerEnd + 2);
          state = 'head';
        } else {
          state = 'chunk-data';
          remaining = size;
        }
      }
    }
  };
}

/** Where the engine listens, from DOCKER_HOST as the docker CLI reads it (unix socket or tcp://host:port). */
export function engineAddress(env = process.env) {
  const host = env.DOCKER_HOST ?? '';
  if (host === '' ) return { path: '/var/run/docker.sock' };
  if (host.startsWith('unix://')) return { path: host.slice('unix://'.length) };
  const url = new URL(host.includes('//') ? host : `tcp://${host}`);
  return { host: url.hostname, port: Number(url.port || 2375) };
}

/** Starts the proxy; `dockerHost` is the DOCKER_HOST value that routes a tool through it. */
export async function startCountingProxy(target = engineAddress()) {
  const dir = mkdtempSync(join(tmpdir(), 'envctl-bench-proxy-'));
  const socketPath = join(dir, 'docker.sock');
  let byOp = {};
  const sockets = new Set();
  const server = createServer((client) => {
    const engine = createConnection(target);
    sockets.add(client).add(engine);
    const parse = requestParser((method, path) => {
      const op = classify(method, path);
      byOp[op] = (byOp[op] ?? 0) + 1;
    });
    client.on('data', (chunk) => {
      parse(chunk);
      engine.write(chunk);
    });
    engine.pipe(client);
    const close = () => {
      client.destroy();
      engine.destroy();
      sockets.delete(client);
      sockets.delete(engine);
    };
    client.on('end', () => engine.end()).on('error', close).on('close', close);
    engine.on('error', close).on('close', close);
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(socketPath, resolve));
  return {
    dockerHost: `unix://${socketPath}`,
    /** Counts since the last reset: { total, byOp }. */
    take() {
      const snapshot = { total: Object.values(byOp).reduce((a, b) => a + b, 0), byOp };
      byOp = {};
      return snapshot;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
