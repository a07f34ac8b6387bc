// Terminal facts for the CLI: color, interactivity, the listr2 renderer to use, and a y/N prompt.
import { createInterface } from 'node:readline/promises';
import type { ApplyRenderer } from '../apply/execute-plan.js';
import type { Confirm } from '../app/confirm-plan.js';

export interface GlobalOptions {
  file: string;
  debug: boolean;
  color: boolean;
}

export function wantsColor(flag: boolean): boolean {
  if (!flag || process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY);
}

export function isInteractive(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY) && process.env.CI !== 'true';
}

export function pickRenderer(json: boolean): ApplyRenderer {
  if (json) return 'silent';
  return process.stdout.isTTY ? 'default' : 'simple';
}

export function terminalConfirm(): Confirm | null {
  if (!isInteractive()) return null;
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    try {
      const answer = await rl.question(question);
      return /^y(es)?$/i.test(answer.trim());
    } finally {
      rl.close();
    }
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
