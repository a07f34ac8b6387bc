// Fake Docker Engines on a loopback TCP port, each sick in one way: one that accepts connections and never answers,
// one that answers 500 to everything, one whose answers are broken JSON, one that hangs up in the middle of a body.
import { createServer, type Server, type Socket } from 'node:net';

export type Sickness = 'silent' | 'error-500' | 'broken-json' | 'hangs-up';

export interface SickEngine {
  /** DOCKER_HOST for it. */
  readonly host: string;
  /** Request lines received so far ("GET /containers/json?…"). */
  requests(): string[];
  close(): Promise<void>;
}

function answer(socket: Socket, sickness: Sickness): void {
  switch (sickness) {
    case 'silent':
      return;
    case 'error-500':
      socket.write('HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: 21\r\n\r\nInternal Server Error');
      return;
    case 'broken-json':
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 10\r\n\r\n{"not json');
      return;
    case 'hangs-up':
      // Promises 1000 bytes, sends a few, then closes.
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n[{"Id":"ab');
      return;
  }
}

export async function startSickEngine(sickness: Sickness): Promise<SickEngine> {
  const sockets = new Set<Socket>();
  const seen: string[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      for (const m of chunk.toString('latin1').matchAll(/(?:GET|POST|PUT|DELETE|HEAD) \/[^ \r\n]*/g)) seen.push(m[0]);
      answer(socket, sickness);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    host: `tcp://127.0.0.1:${port}`,
    requests: () => [...seen],
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
