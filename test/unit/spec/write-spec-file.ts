// Test helper: writes a spec (and optional side files) into a fresh temp folder and loads it like the CLI would.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SpecError, formatSpecIssue } from '../../../src/errors/envctl-error.js';
import { loadSpec, type LoadOptions } from '../../../src/spec/load-spec.js';
import type { DesiredState } from '../../../src/spec/desired-state.js';

export interface SpecFolder {
  dir: string;
  file: string;
}

/** `folderName` matters for the default project name. */
export function writeSpecFile(yaml: string, files: Record<string, string> = {}, folderName = 'lab'): SpecFolder {
  const dir = join(mkdtempSync(join(tmpdir(), 'envctl-spec-')), folderName);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'envctl.yaml');
  writeFileSync(file, yaml);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return { dir, file };
}

const baseOptions = (options: LoadOptions): LoadOptions => ({ environ: {}, displayPath: 'envctl.yaml', homeDir: '/home/tester', ...options });

export async function load(yaml: string, options: LoadOptions = {}, files: Record<string, string> = {}): Promise<DesiredState> {
  return loadSpec(writeSpecFile(yaml, files).file, baseOptions(options));
}

/** The formatted issues (`envctl.yaml:L:C: message (hint)`) of a spec that must fail. */
export async function problems(yaml: string, options: LoadOptions = {}, files: Record<string, string> = {}): Promise<string[]> {
  try {
    await loadSpec(writeSpecFile(yaml, files).file, baseOptions(options));
  } catch (error) {
    if (error instanceof SpecError) return error.issues.map(formatSpecIssue);
    throw error;
  }
  throw new Error('expected the spec to be rejected, but it loaded');
}

/** A spec of `project: lab` with these environments (`body`: the indented entries under `environments:`), loaded. */
export async function loadEnvironments(body: string, options: LoadOptions = {}): Promise<{ dir: string; state: DesiredState }> {
  const { dir, file } = writeSpecFile(`project: lab\nenvironments:\n${body}`);
  return { dir, state: await loadSpec(file, { environ: {}, displayPath: 'envctl.yaml', ...options }) };
}

/** The issues (`LINE:COL: message`) of such a spec, which must fail. */
export async function environmentProblems(body: string, options: LoadOptions = {}): Promise<string[]> {
  try {
    await loadEnvironments(body, options);
  } catch (error) {
    if (error instanceof SpecError) return error.issues.map((i) => `${i.line}:${i.col}: ${i.message}`);
    throw error;
  }
  throw new Error('expected the spec to be rejected, but it loaded');
}
