// Connects a terminal session in a container (exec, attach) to envctl's own stdin, stdout and stderr: with a TTY the
// terminal goes raw (every key, Ctrl-C too, goes to the process) and follows the window's size; without one the
// streams are piped as they are. Resolves once the process's output has ended and was written out.
import { finished } from 'node:stream/promises';
import type { TerminalSession } from '../engine/container-verbs.js';

export async function connectTerminal(session: TerminalSession, tty: boolean): Promise<void> {
  const { stdin, stdout, stderr } = process;
  const raw = tty && stdin.isTTY;
  if (raw) stdin.setRawMode(true);
  const resize = (): void => {
    if (stdout.isTTY) session.resize(stdout.rows, stdout.columns).catch(() => undefined);
  };
  if (tty) {
    resize();
    stdout.on('resize', resize);
  }
  // The process may exit before it read all of its stdin: what is left has nowhere to go, which is no error.
  session.stdin?.on('error', () => undefined);
  if (session.stdin) stdin.pipe(session.stdin);
  session.stdout.pipe(stdout, { end: false });
  session.stderr.pipe(stderr, { end: false });
  try {
    await Promise.all([finished(session.stdout), finished(session.stderr)]);
  } finally {
    stdout.off('resize', resize);
    if (session.stdin) stdin.unpipe(session.stdin);
    if (raw) stdin.setRawMode(false);
    // Nothing more is read: a terminal or a pipe left open must not keep envctl running.
    stdin.destroy();
    session.close();
  }
}
