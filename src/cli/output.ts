// Terminal facts for the CLI: color, interactivity, the listr2 renderer to use, and a y/N prompt.
import { createInterface } from 'node:readline/promises';
import type { ApplyRenderer } from '../apply/execute-plan.js';
import type { Confirm } from '../app/confirm-plan.js';
import type { InterruptSignalName } from '../errors/interrupted.js';

export interface GlobalOptions {
  /** The spec file (the first `-f`). */
  file: string;
  /** The files of the other `-f`s, merged onto it in order. */
  overrides: string[];
  debug: boolean;
  color: boolean;
  /** Aborted by the first Ctrl-C / SIGTERM of a careful command (see watch-interrupts.ts). */
  signal: AbortSignal;
  /** Counts a Ctrl-C typed at a prompt as the signal. */
  raise: (name: InterruptSignalName) => void;
  /** From now on a first Ctrl-C / SIGTERM calls `stop` instead of ending envctl (see watch-interrupts.ts). */
  stopsBy: (stop: (name: InterruptSignalName) => void) => void;
}

export function wantsColor(flag: boolean): boolean {
  if (!flag || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY);
}

function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env.CI !== 'true';
}

export function pickRenderer(json: boolean): ApplyRenderer {
  if (json) return 'silent';
  return process.stdout.isTTY ? 'default' : 'simple';
}

export function terminalConfirm(g: Pick<GlobalOptions, 'signal' | 'raise'>): Confirm | null {
  if (!isInteractive()) return null;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    // The prompt reads the terminal key by key, so Ctrl-C arrives as a key, not as SIGINT: it means the same.
    rl.on('SIGINT', () => g.raise('SIGINT'));
    try {
      const answer = await rl.question(question, { signal: g.signal });
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      rl.close();
    }
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A command's `--json` answer: its data with `ok` first (README "Machine-readable output" lists every shape). */
export function printResult(data: object, ok = true): void {
  printJson({ ok, ...data });
}
