// A real pseudo-terminal around a command for tests (pty-terminal.py, python3): keys typed into it, its window
// resized (the kernel sends SIGWINCH to the command, as a terminal window does), everything it printed.
import { resolve } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { waitFor } from '../../support/wait-for.js';

const HELPER = resolve(import.meta.dirname, 'pty-terminal.py');

export class PtyTerminal {
  private seen = '';
  readonly child: ResultPromise<{ stdin: 'pipe'; reject: false; env: Record<string, string> }>;

  constructor(rows: number, cols: number, command: string[], env: Record<string, string> = {}) {
    this.child = execa('python3', [HELPER, String(rows), String(cols), ...command], { stdin: 'pipe', reject: false, env: { NO_COLOR: '1', ...env } });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.seen += chunk.toString();
    });
  }

  /** Everything the command printed so far (stdout and stderr alike: both are the terminal). */
  get output(): string {
    return this.seen;
  }

  type(text: string): void {
    this.child.stdin.write(`${JSON.stringify({ write: text })}\n`);
  }

  resize(rows: number, cols: number): void {
    this.child.stdin.write(`${JSON.stringify({ resize: [rows, cols] })}\n`);
  }

  /** Waits until the command has printed what `pattern` matches (after `from` characters of output); the match. */
  async expect(pattern: RegExp, what: string, timeoutMs = 30_000, from = 0): Promise<RegExpExecArray> {
    return waitFor(() => pattern.exec(this.seen.slice(from)), { timeoutMs, what: () => `${what}; the terminal showed:\n${this.seen}` });
  }

  /** Closes the terminal (a test that failed half-way): the command gets SIGHUP, as when a window is closed. */
  close(): void {
    this.child.kill();
  }

  /** The command's exit code once it has ended. */
  async exitCode(): Promise<number> {
    this.child.stdin.end();
    return (await this.child).exitCode ?? -1;
  }
}
