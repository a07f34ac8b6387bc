// Loads envctl.yaml end to end: read → parse (positions) → interpolate → validate → normalize, all issues at once.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { EnvctlError, SpecError, type SpecIssue } from '../errors/envctl-error.js';
import type { DesiredState } from './canonical-env.js';
import { interpolateDocument, type Variables } from './interpolate.js';
import { NodeLocator } from './locate-node.js';
import { normalizeSpec } from './normalize-spec.js';
import { parseDotenv } from './parse-dotenv.js';
import { parseYaml } from './parse-yaml.js';
import { validateSpec } from './validate-spec.js';

export interface LoadOptions {
  /** Variables for interpolation and bare `environment` entries; default process.env. They win over `.env`. */
  environ?: Record<string, string | undefined>;
  /** The path as the user typed it, used in messages (`envctl.yaml:12:7: …`); default: relative to the cwd. */
  displayPath?: string;
  /** Where `~` points in bind sources; default os.homedir(). */
  homeDir?: string;
}

export const DEFAULT_SPEC_NAME = 'envctl.yaml';

/** Throws SpecError with every issue found, or EnvctlError('spec-not-found'). */
export async function loadSpec(file: string, options: LoadOptions = {}): Promise<DesiredState> {
  const specFile = locateSpecFile(resolve(file));
  const display = options.displayPath ?? (relative(process.cwd(), specFile) || specFile);
  const source = readSpec(specFile, display);

  const parsed = parseYaml(source, display);
  // A document with syntax errors has no trustworthy structure: everything after would be noise.
  if (parsed.issues.length > 0) throw new SpecError(parsed.issues);
  const locator = new NodeLocator(parsed.doc, parsed.lineCounter);

  const dotenv = readDotenvNextTo(specFile, display);
  const vars: Variables = { ...dotenv.values, ...definedOnly(options.environ ?? process.env) };
  const interpolationIssues = interpolateDocument(parsed.doc, vars, display, locator);

  const data: unknown = parsed.doc.toJS({ maxAliasCount: 1000 });
  // Values already reported (bad interpolation, schema errors) are skipped by normalize so each problem shows once.
  const located = [...interpolationIssues, ...validateSpec(data, display, locator)];
  const issues: SpecIssue[] = [...dotenv.issues, ...located];

  const normalized = normalizeSpec(data, {
    file: display,
    specFile,
    homeDir: options.homeDir ?? homedir(),
    vars,
    locator,
    reported: located.map((issue) => issue.path),
  });
  issues.push(...normalized.issues);

  if (issues.length > 0) throw new SpecError(sortIssues(dedupeIssues(issues)));
  return normalized.state;
}

/** A folder stands for the envctl.yaml inside it. */
function locateSpecFile(path: string): string {
  try {
    return statSync(path).isDirectory() ? join(path, DEFAULT_SPEC_NAME) : path;
  } catch {
    return path;
  }
}

function readSpec(specFile: string, display: string): string {
  try {
    return readFileSync(specFile, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new EnvctlError('spec-not-found', `no spec file at ${display}`, {
        hint: `create ${DEFAULT_SPEC_NAME} (see examples/) or pass -f FILE`,
        cause,
      });
    }
    throw new EnvctlError('spec-not-found', `cannot read the spec ${display}: ${(cause as Error).message}`, { cause });
  }
}

/** `.env` next to the spec supplies variables (as in Compose); a missing one is fine. */
function readDotenvNextTo(specFile: string, display: string): { values: Record<string, string>; issues: SpecIssue[] } {
  const path = join(dirname(specFile), '.env');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { values: {}, issues: [] };
  }
  const shown = join(dirname(display), '.env');
  const parsed = parseDotenv(text);
  const issues = parsed.errors.map((e): SpecIssue => ({ file: shown, path: [], line: e.line, col: 1, message: e.message }));
  return { values: parsed.values, issues };
}

function definedOnly(environ: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(environ)) if (value !== undefined) result[key] = value;
  return result;
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
