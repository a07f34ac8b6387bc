// Runs the built CLI as a child process and reads its peak resident memory (VmHWM in /proc/<pid>/status, a
// high-water mark the kernel keeps) until it exits: the memory the envctl process itself needed, children excluded.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { execa } from 'execa';
import type { CliResult } from './run-cli.js';

const BIN = resolve(import.meta.dirname, '../../../bin/envctl.js');

export interface MeasuredRun extends CliResult {
  peakRssBytes: number;
  durationMs: number;
}

function highWaterMark(pid: number): number | null {
  try {
    const kib = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? null : Number(kib) * 1024;
  } catch {
    return null; // gone (or a zombie without memory figures)
  }
}

export async function runMeasured(args: string[], options: { cwd: string }): Promise<MeasuredRun> {
  const started = performance.now();
  const child = execa('node', [BIN, ...args], { cwd: options.cwd, env: { NO_COLOR: '1' }, reject: false, stdin: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the envctl child process did not start');
  let peak = 0;
  // The mark only grows, so the last reading before exit is the peak up to ~10 ms before the end.
  const timer = setInterval(() => {
    peak = Math.max(peak, highWaterMark(pid) ?? 0);
  }, 10);
  const r = await child.finally(() => clearInterval(timer));
  if (peak === 0) throw new Error('VmHWM of the envctl process could not be read');
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr), peakRssBytes: peak, durationMs: performance.now() - started };
}
