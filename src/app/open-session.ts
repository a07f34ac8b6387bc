// Use-cases behind `envctl exec` and `envctl attach`: a terminal session in an environment's running container, on the
// engine it runs on. The CLI connects the session to the terminal (or to pipes).
import type { TerminalSession } from '../engine/container-verbs.js';
import { EnvctlError } from '../errors/envctl-error.js';
import type { SpecSource } from './run-plan.js';
import type { ConnectTo } from './engine-parts.js';
import { onHost, requireState, withEnvTarget, type EnvTarget } from './find-env-target.js';

/** No command given: the image's bash when it has one, else its sh (a shell finds bash on the image's PATH). */
export const DEFAULT_SHELL = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];

export interface ExecOptions {
  /** [] = the default shell. */
  command: string[];
  /** Give the process a TTY (the CLI does when its own stdin and stdout are terminals). */
  tty: boolean;
  /** Connect stdin. */
  stdin: boolean;
  /** '' = who the environment's own process runs as. */
  user: string;
  workdir: string;
  /** "K=V" added to the environment's variables. */
  env: string[];
  /** The terminal type to pass on with a TTY (the user's TERM); '' = the engine's. */
  term: string;
}

export interface OpenSession {
  target: EnvTarget;
  session: TerminalSession;
}

export async function openExec(source: SpecSource, connectTo: ConnectTo, name: string, options: ExecOptions): Promise<OpenSession> {
  return withEnvTarget(source, connectTo, name, async (target) => {
    requireState(target, 'exec', ['running']);
    const { engine, container } = target;
    if (options.command.length === 0 && !(await engine.statPath(container.id, '/bin/sh'))) {
      throw new EnvctlError('not-found', `environment "${name}" has no shell (/bin/sh)${onHost(target.host)}`, {
        hint: `name the program to run: envctl exec ${name} -- PROGRAM [ARGS…]`,
      });
    }
    const session = await engine.startExec(container.id, {
      cmd: options.command.length === 0 ? DEFAULT_SHELL : options.command,
      tty: options.tty,
      stdin: options.stdin,
      user: options.user !== '' ? options.user : await processUser(target),
      workingDir: options.workdir,
      env: [...(options.tty && options.term !== '' ? [`TERM=${options.term}`] : []), ...options.env],
    });
    return { target, session };
  });
}

/**
 * Who exec runs as by default: the container's user, as with `docker exec` — except that a container with envctl's
 * ssh starts as root (sshd needs it) and runs its own process as the spec's or the image's user: that one.
 */
async function processUser({ engine, container }: EnvTarget): Promise<string> {
  if (container.config.ssh === null) return '';
  if (container.config.user !== null) return container.config.user;
  return (await engine.inspectImage(container.imageId))?.user ?? '';
}

export async function openAttach(source: SpecSource, connectTo: ConnectTo, name: string): Promise<OpenSession> {
  return withEnvTarget(source, connectTo, name, async (target) => {
    requireState(target, 'attach', ['running']);
    const { config } = target.container;
    if (!config.stdinOpen) {
      throw new EnvctlError('env-not-ready', `environment "${name}" keeps no stdin open: there is no shell to attach to${onHost(target.host)}`, {
        hint: `\`envctl exec ${name}\` opens a shell, \`envctl logs -f ${name}\` follows its output; an environment to attach to has stdin_open: true and tty: true`,
      });
    }
    const session = await target.engine.attachContainer(target.container.id, { tty: config.tty, stdin: true });
    return { target, session };
  });
}
