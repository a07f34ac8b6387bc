// Terminal sessions in a container (part of the ContainerVerbs interface): exec starts a new process, attach joins the
// container's own. Both hijack the HTTP connection: the process's output comes back on it (framed apart into stdout
// and stderr without a TTY), and with stdin the keystrokes go out on it; ending stdin half-closes the connection,
// which the engine passes on to the process as end of file.
import { Transform, type Duplex, type Readable, type Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import type { ContainerVerbs, TerminalSession } from './container-verbs.js';
import type { EngineClient } from './engine-client.js';
import { splitOutput } from './split-output.js';

/** The engine's default detach keys (ctrl-p, ctrl-q): typed in an attached session, they end it, the container runs on. */
const DETACH_KEYS = Buffer.from([0x10, 0x11]);
/** How long (40 × 50 ms) an exec whose output ended may still be reported as running. */
const EXIT_TRIES = 40;
const EXIT_POLL_MS = 50;

export function sessionCalls(client: EngineClient): Pick<ContainerVerbs, 'startExec' | 'attachContainer'> {
  const { docker } = client;
  return {
    async startExec(id, request) {
      const doing = `run ${request.cmd[0] ?? 'a command'} in container ${id}`;
      const exec = await client.call(doing, () =>
        docker.getContainer(id).exec({
          Cmd: request.cmd,
          AttachStdin: request.stdin,
          AttachStdout: true,
          AttachStderr: true,
          Tty: request.tty,
          ...(request.user === '' ? {} : { User: request.user }),
          ...(request.workingDir === '' ? {} : { WorkingDir: request.workingDir }),
          ...(request.env.length === 0 ? {} : { Env: request.env }),
        }),
      );
      const connection = (await client.call(doing, () => exec.start({ hijack: true, stdin: request.stdin, Tty: request.tty, Detach: false }))) as Duplex;
      return session(connection, request.tty, request.stdin ? connection : null, {
        resize: (rows, cols) => client.call(`resize the terminal of ${doing}`, () => exec.resize({ h: rows, w: cols })).then(() => undefined),
        exitCode: async () => {
          // The output can end a moment before the engine records the exit: asked again while it says running.
          for (let tries = 1; ; tries += 1) {
            const info = await client.call(doing, () => exec.inspect());
            if (!info.Running || tries === EXIT_TRIES) return info.ExitCode ?? null;
            await delay(EXIT_POLL_MS);
          }
        },
      });
    },

    async attachContainer(id, request) {
      const doing = `attach to container ${id}`;
      const container = docker.getContainer(id);
      // Asked before attaching (as the docker CLI does), so an exit right after the attach is not missed; a session
      // that was detached abandons it.
      const stopWaiting = new AbortController();
      const waited = client.call(doing, () => container.wait({ condition: 'not-running', abortSignal: stopWaiting.signal })) as Promise<{ StatusCode?: number }>;
      waited.catch(() => undefined);
      let connection: Duplex;
      try {
        connection = (await client.call(doing, () =>
          container.attach({ stream: true, stdin: request.stdin, stdout: true, stderr: true, hijack: true }),
        )) as Duplex;
      } catch (err) {
        stopWaiting.abort();
        throw err;
      }
      const keys = request.stdin ? detachKeyWatch(connection) : null;
      return session(connection, request.tty, keys, {
        resize: (rows, cols) => client.call(`resize the terminal of container ${id}`, () => container.resize({ h: rows, w: cols })).then(() => undefined),
        exitCode: async () => {
          if (keys?.detached === true) {
            stopWaiting.abort();
            return null;
          }
          return (await waited).StatusCode ?? null;
        },
      });
    },
  };
}

function session(
  connection: Duplex,
  tty: boolean,
  stdin: Writable | null,
  calls: Pick<TerminalSession, 'resize' | 'exitCode'>,
): TerminalSession {
  const { stdout, stderr } = splitOutput(connection as Readable, tty);
  const ended = new Promise<void>((resolve) => {
    connection.once('close', () => resolve());
    connection.once('end', () => resolve());
  });
  return { stdout, stderr, stdin, ended, close: () => void connection.destroy(), ...calls };
}

/** The attach connection's stdin, noting whether the last keys typed were the detach keys. */
function detachKeyWatch(connection: Duplex): Writable & { detached: boolean } {
  let recent: Buffer = Buffer.alloc(0);
  const watch = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      recent = Buffer.concat([recent, chunk]).subarray(-DETACH_KEYS.length);
      watch.detached = recent.equals(DETACH_KEYS);
      done(null, chunk);
    },
  }) as Transform & { detached: boolean };
  watch.detached = false;
  watch.pipe(connection);
  return watch;
}
