// Which files make up the spec and reading each: the spec (a folder stands for its envctl.yaml), then the files given
// after it with more `-f`, or else the envctl.override.yaml next to it (as Compose picks up compose.override.yaml).
import { dirname, join, relative, resolve } from 'node:path';
import type { Document, LineCounter } from 'yaml';
import { describeReadError, InputFileError } from '../base/read-input-file.js';
import { EnvctlError, SpecError } from '../errors/envctl-error.js';
import { parseDotenv } from '../fields/values/parse-dotenv.js';
import type { SpecIssue } from '../errors/envctl-error.js';
import { interpolateString, unsetWarning, type Variables } from './interpolate.js';
import { parseYaml } from './parse-yaml.js';
import { tidyIssue } from './tidy-issue.js';
import type { SpecReader } from './spec-reader.js';

export const DEFAULT_SPEC_NAME = 'envctl.yaml';
export const OVERRIDE_SPEC_NAME = 'envctl.override.yaml';

export interface SpecFile {
  abs: string;
  /** As shown in messages. */
  display: string;
}

export interface ParsedSpecFile extends SpecFile {
  doc: Document;
  lineCounter: LineCounter;
}

/** The spec first, then the files merged onto it in order. */
export function specFiles(file: string, displayPath: string | undefined, overrides: readonly string[], reader: SpecReader): SpecFile[] {
  const abs = locateSpecFile(resolve(file), reader);
  const main = { abs, display: displayPath ?? (relative(process.cwd(), abs) || abs) };
  if (overrides.length > 0) {
    return [main, ...overrides.map((f) => ({ abs: locateSpecFile(resolve(f), reader), display: f }))];
  }
  const override = { abs: join(dirname(abs), OVERRIDE_SPEC_NAME), display: join(dirname(main.display), OVERRIDE_SPEC_NAME) };
  return exists(override.abs, reader) ? [main, override] : [main];
}

/** Reads and parses every file; syntax errors of all of them at once (nothing after them can be trusted). */
export function parseSpecFiles(files: readonly SpecFile[], reader: SpecReader): ParsedSpecFile[] {
  const parsed = files.map((f) => ({ ...f, ...parseYaml(readSpec(f, reader), f.display) }));
  const issues = parsed.flatMap((p) => p.issues);
  if (issues.length > 0) throw new SpecError(issues.map(tidyIssue));
  return parsed.map(({ abs, display, doc, lineCounter }) => ({ abs, display, doc, lineCounter }));
}

/** A folder stands for the envctl.yaml inside it. */
function locateSpecFile(path: string, reader: SpecReader): string {
  return reader.isDirectory(path) ? join(path, DEFAULT_SPEC_NAME) : path;
}

function exists(path: string, reader: SpecReader): boolean {
  try {
    reader.readText(path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Anything but "not there" is reported when the file is read for real.
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}

function readSpec(file: SpecFile, reader: SpecReader): string {
  try {
    return reader.readText(file.abs);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new EnvctlError('spec-not-found', `no spec file at ${file.display}`, {
        hint: `create ${DEFAULT_SPEC_NAME} (see examples/) or pass -f FILE`,
        cause,
      });
    }
    // A located spec error like any other (at its start), so every problem with a spec reads the same way.
    if (cause instanceof InputFileError) throw new SpecError([{ file: file.display, path: [], line: 1, col: 1, message: `the spec ${cause.reason}`, hint: cause.hint }]);
    throw new EnvctlError('spec-not-found', `cannot read the spec ${file.display}: ${describeReadError(cause).reason}`, { cause });
  }
}

export interface Dotenv {
  values: Record<string, string>;
  issues: SpecIssue[];
  warnings: SpecIssue[];
}

/**
 * `.env` next to the spec supplies variables (as in Compose); a missing one is fine, an unreadable one is not.
 * Unquoted and double-quoted values are interpolated as Compose does (`${VAR:-default}`, `$$`, earlier lines,
 * your environment first); single-quoted values are literal.
 */
export function readDotenvNextTo(spec: SpecFile, reader: SpecReader): Dotenv {
  const path = join(dirname(spec.abs), '.env');
  const shown = join(dirname(spec.display), '.env');
  let text: string;
  try {
    text = reader.readText(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { values: {}, issues: [], warnings: [] };
    const { reason, hint } = describeReadError(err);
    const issue: SpecIssue = { file: shown, path: [], line: 1, col: 1, message: `${shown} ${reason}` };
    return { values: {}, issues: [hint === undefined ? issue : { ...issue, hint }], warnings: [] };
  }
  const warnings: SpecIssue[] = [];
  const parsed = parseDotenv(text, (raw, earlier, line) => {
    const vars = new Proxy({} as Variables, { get: (_, name) => (typeof name === 'string' ? (reader.env(name) ?? (Object.hasOwn(earlier, name) ? earlier[name] : undefined)) : undefined) });
    const result = interpolateString(raw, vars, (name) => warnings.push({ file: shown, path: [], line, col: 1, ...unsetWarning(name) }));
    return result.ok ? { value: result.value } : { problem: result.message };
  });
  const issues = parsed.errors.map((e): SpecIssue => ({ file: shown, path: [], line: e.line, col: 1, message: e.message }));
  return { values: parsed.values, issues, warnings };
}
