// Loads envctl.yaml end to end: read → parse (positions) → interpolate → validate → normalize, all issues at once.
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { EnvctlError, SpecError, type SpecIssue } from '../errors/envctl-error.js';
import type { DesiredState } from './desired-state.js';
import { interpolateDocument, type Variables } from './interpolate.js';
import { NodeLocator } from './locate-node.js';
import { normalizeSpec } from './normalize-spec.js';
import { parseDotenv } from '../fields/values/parse-dotenv.js';
import { parseYaml } from './parse-yaml.js';
import { tidyIssue } from './tidy-issue.js';
import { validateSpec } from './validate-spec.js';
import { fileSystemReader, type SpecReader } from './spec-reader.js';
import { describeReadError, InputFileError } from '../base/read-input-file.js';

export interface LoadOptions {
  /** Variables for interpolation and bare `environment` entries; default process.env. They win over `.env`. */
  environ?: Record<string, string | undefined>;
  /** The path as the user typed it, used in messages (`envctl.yaml:12:7: …`); default: relative to the cwd. */
  displayPath?: string;
  /** Where `~` points in bind sources; default os.homedir(). */
  homeDir?: string;
  /** How files, folders and variables are read; default the file system and `environ`. */
  reader?: SpecReader;
}

const DEFAULT_SPEC_NAME = 'envctl.yaml';

/** Throws SpecError with every issue found, or EnvctlError('spec-not-found'). */
export async function loadSpec(file: string, options: LoadOptions = {}): Promise<DesiredState> {
  const reader = options.reader ?? fileSystemReader(options.environ);
  const specFile = locateSpecFile(resolve(file), reader);
  const display = options.displayPath ?? (relative(process.cwd(), specFile) || specFile);
  const source = readSpec(specFile, display, reader);

  const parsed = parseYaml(source, display);
  // A document with syntax errors has no trustworthy structure: everything after would be noise.
  if (parsed.issues.length > 0) throw new SpecError(parsed.issues.map(tidyIssue));
  const locator = new NodeLocator(parsed.doc, parsed.lineCounter);

  const dotenv = readDotenvNextTo(specFile, display, reader);
  const vars = variables(dotenv.values, reader);
  const fromVariables = new Set<string>();
  const interpolationIssues = interpolateDocument(parsed.doc, vars, display, locator, fromVariables);

  // parseYaml checked every alias and bounded what they expand to.
  const data: unknown = parsed.doc.toJS({ maxAliasCount: -1 });
  // Values already reported (bad interpolation, schema errors) are skipped by normalize so each problem shows once.
  const incomplete: (string | number)[][] = [];
  const located = [...interpolationIssues, ...validateSpec(data, display, locator, (path) => fromVariables.has(JSON.stringify(path)), incomplete)];
  const issues: SpecIssue[] = [...dotenv.issues, ...located];

  const normalized = normalizeSpec(data, {
    file: display,
    specFile,
    homeDir: options.homeDir ?? homedir(),
    vars,
    locator,
    reported: [...located.map((issue) => issue.path), ...incomplete],
    readTextFile: (path) => reader.readText(path),
    listDir: (path) => reader.listDir(path),
  });
  issues.push(...normalized.issues);

  if (issues.length > 0) throw new SpecError(sortIssues(dedupeIssues(issues)).map(tidyIssue));
  return normalized.state;
}

/** A folder stands for the envctl.yaml inside it. */
function locateSpecFile(path: string, reader: SpecReader): string {
  return reader.isDirectory(path) ? join(path, DEFAULT_SPEC_NAME) : path;
}

function readSpec(specFile: string, display: string, reader: SpecReader): string {
  try {
    return reader.readText(specFile);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new EnvctlError('spec-not-found', `no spec file at ${display}`, {
        hint: `create ${DEFAULT_SPEC_NAME} (see examples/) or pass -f FILE`,
        cause,
      });
    }
    // A located spec error like any other (at its start), so every problem with a spec reads the same way.
    if (cause instanceof InputFileError) throw new SpecError([{ file: display, path: [], line: 1, col: 1, message: `the spec ${cause.reason}`, hint: cause.hint }]);
    throw new EnvctlError('spec-not-found', `cannot read the spec ${display}: ${describeReadError(cause).reason}`, { cause });
  }
}

/** `.env` next to the spec supplies variables (as in Compose); a missing one is fine, an unreadable one is not. */
function readDotenvNextTo(specFile: string, display: string, reader: SpecReader): { values: Record<string, string>; issues: SpecIssue[] } {
  const path = join(dirname(specFile), '.env');
  const shown = join(dirname(display), '.env');
  let text: string;
  try {
    text = reader.readText(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { values: {}, issues: [] };
    const { reason, hint } = describeReadError(err);
    const issue: SpecIssue = { file: shown, path: [], line: 1, col: 1, message: `${shown} ${reason}` };
    return { values: {}, issues: [hint === undefined ? issue : { ...issue, hint }] };
  }
  const parsed = parseDotenv(text);
  const issues = parsed.errors.map((e): SpecIssue => ({ file: shown, path: [], line: e.line, col: 1, message: e.message }));
  return { values: parsed.values, issues };
}

/** The variables a spec sees: the environment wins over `.env`. Looked up by name through the reader, never listed. */
function variables(dotenv: Record<string, string>, reader: SpecReader): Variables {
  const lookup = (name: string | symbol): string | undefined =>
    typeof name !== 'string' ? undefined : (reader.env(name) ?? (Object.hasOwn(dotenv, name) ? dotenv[name] : undefined));
  return new Proxy({} as Variables, {
    get: (_, name) => lookup(name),
    has: (_, name) => lookup(name) !== undefined,
  });
}

/** `defaults` are normalized once per environment; the same problem must still be reported once. */
function dedupeIssues(issues: SpecIssue[]): SpecIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.file}:${issue.line}:${issue.col}:${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortIssues(issues: SpecIssue[]): SpecIssue[] {
  return [...issues].sort((a, b) => (a.file === b.file ? a.line - b.line || a.col - b.col : a.file < b.file ? -1 : 1));
}
