// `envctl exec ENV [-- CMD…]` and `envctl attach ENV`: a process in an environment's running container, connected to
// this terminal (a TTY when stdin and stdout are terminals); envctl exits with the process's exit code.
import { specSource } from '../load-spec-for.js';
import { openAttach, openExec } from '../../app/open-session.js';
import { connectTo } from '../../engine/connect-engine.js';
import { connectTerminal } from '../connect-terminal.js';
import type { GlobalOptions } from '../output.js';

export interface ExecCommandOptions {
  /** false with -T (--no-tty). */
  tty: boolean;
  user?: string;
  workdir?: string;
  env: string[];
}

const isTerminal = (): boolean => Boolean(process.stdin.isTTY && process.stdout.isTTY);

export async function runExecCommand(g: GlobalOptions, name: string, command: string[], opts: ExecCommandOptions): Promise<number> {
  const tty = opts.tty && isTerminal();
  const { session } = await openExec(specSource(g), connectTo, name, {
    command,
    tty,
    stdin: true,
    user: opts.user ?? '',
    workdir: opts.workdir ?? '',
    env: opts.env,
    term: process.env.TERM ?? '',
  });
  await connectTerminal(session, tty);
  return (await session.exitCode()) ?? 0;
}

export async function runAttachCommand(g: GlobalOptions, name: string): Promise<number> {
  const { target, session } = await openAttach(specSource(g), connectTo, name);
  const tty = target.container.config.tty && isTerminal();
  if (tty) process.stderr.write(`envctl: attached to ${name} (Ctrl-P Ctrl-Q detaches, it keeps running)\r\n`);
  await connectTerminal(session, tty);
  const code = await session.exitCode();
  if (code === null) {
    process.stderr.write(`\r\nenvctl: detached from ${name}; it keeps running (\`envctl attach ${name}\` goes back)\n`);
    return 0;
  }
  return code;
}
