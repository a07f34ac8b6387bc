// A container's log (part of the ContainerVerbs interface): GET /containers/{id}/logs, always as a stream — a log of
// gigabytes is never read whole — split into stdout and stderr.
import type { Readable } from 'node:stream';
import type { ContainerVerbs, LogRequest } from './container-verbs.js';
import type { EngineClient } from './engine-client.js';
import { splitOutput } from './split-output.js';

interface DialingModem {
  dial(options: object, callback: (err: unknown, result?: unknown) => void): void;
}

export function logCalls(client: EngineClient): Pick<ContainerVerbs, 'readLogs'> {
  const modem = client.docker.modem as DialingModem;
  return {
    async readLogs(id, request) {
      // dockerode reads a log without `follow` whole into memory; asked directly, every log is a stream.
      const stream = await client.call(`read the log of container ${id}`, () =>
        new Promise<Readable>((resolve, reject) => {
          modem.dial(
            {
              path: `/containers/${id}/logs?`,
              method: 'GET',
              isStream: true,
              statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
              options: logQuery(request),
            },
            (err, result) => (err ? reject(err) : resolve(result as Readable)),
          );
        }),
      );
      return { ...splitOutput(stream, request.tty), close: () => void stream.destroy() };
    },
  };
}

/** The query of GET /containers/{id}/logs. */
export function logQuery(request: LogRequest): Record<string, string | number | boolean> {
  return {
    stdout: true,
    stderr: true,
    follow: request.follow,
    timestamps: request.timestamps,
    tail: request.tail === null ? 'all' : request.tail,
    ...(request.since === null ? {} : { since: request.since }),
  };
}
