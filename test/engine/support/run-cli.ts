// Runs the built envctl CLI as a user would, in a temp folder holding a spec, and reads the engine with the docker CLI.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';

const BIN = resolve(import.meta.dirname, '../../../bin/envctl.js');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function envctl(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const r = await execa('node', [BIN, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { NO_COLOR: '1', ...options.env },
    reject: false,
    stdin: 'ignore',
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

export async function docker(...args: string[]): Promise<string> {
  const r = await execa('docker', args);
  return String(r.stdout).trim();
}

export async function dockerMaybe(...args: string[]): Promise<{ ok: boolean; out: string }> {
  const r = await execa('docker', args, { reject: false });
  return { ok: r.exitCode === 0, out: `${String(r.stdout)}${String(r.stderr)}`.trim() };
}

/** A temp folder with an envctl.yaml in it; `write` replaces the spec. */
export class SpecDir {
  readonly dir = mkdtempSync(join(tmpdir(), 'envctl-e2e-'));
  readonly file = join(this.dir, 'envctl.yaml');
  write(text: string): this {
    writeFileSync(this.file, text);
    return this;
  }
  run(...args: string[]): Promise<CliResult> {
    return envctl(['-f', this.file, ...args], { cwd: this.dir });
  }
  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
