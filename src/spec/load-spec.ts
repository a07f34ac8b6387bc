// Loads envctl.yaml end to end: read → parse (positions) → interpolate → merge the files → validate → normalize, all
// issues at once.
import { homedir } from 'node:os';
import { SpecError, type SpecIssue } from '../errors/envctl-error.js';
import type { DesiredState } from './desired-state.js';
import { interpolateDocument, type Variables } from './interpolate.js';
import { NodeLocator } from './locate-node.js';
import { MergedLocator, mergeMarks, mergeSpecData, type SpecLayer } from './merge-spec-files.js';
import { normalizeSpec } from './normalize-spec.js';
import { parseSpecFiles, readDotenvNextTo, specFiles } from './read-spec-files.js';
import { tidyIssue } from './tidy-issue.js';
import { validateSpec } from './validate-spec.js';
import { fileSystemReader, type SpecReader } from './spec-reader.js';

export interface LoadOptions {
  /** Variables for interpolation and bare `environment` entries; default process.env. They win over `.env`. */
  environ?: Record<string, string | undefined>;
  /** The path as the user typed it, used in messages (`envctl.yaml:12:7: …`); default: relative to the cwd. */
  displayPath?: string;
  /** More spec files merged onto the first, in order (`-f base.yaml -f mine.yaml`); none: envctl.override.yaml if there. */
  overrides?: readonly string[];
  /** Where `~` points in bind sources; default os.homedir(). */
  homeDir?: string;
  /** How files, folders and variables are read; default the file system and `environ`. */
  reader?: SpecReader;
}

/** Throws SpecError with every issue found, or EnvctlError('spec-not-found'). */
export async function loadSpec(file: string, options: LoadOptions = {}): Promise<DesiredState> {
  const reader = options.reader ?? fileSystemReader(options.environ);
  const files = parseSpecFiles(specFiles(file, options.displayPath, options.overrides ?? [], reader), reader);
  const main = files[0]!;

  const dotenv = readDotenvNextTo(main, reader);
  const vars = variables(dotenv.values, reader);
  const fromVariables = new Set<string>();
  const interpolationIssues: SpecIssue[] = [];
  const warnings: SpecIssue[] = [...dotenv.warnings];
  const layers: SpecLayer[] = files.map((f) => {
    const locator = new NodeLocator(f.doc, f.lineCounter);
    interpolationIssues.push(...interpolateDocument(f.doc, vars, f.display, locator, fromVariables, warnings));
    // parseYaml checked every alias and bounded what they expand to.
    const marks = mergeMarks(f.doc);
    return { file: f.display, data: f.doc.toJS({ maxAliasCount: -1 }) as unknown, locator, ...(marks === undefined ? {} : { marks }) };
  });
  const [first, ...rest] = layers;
  const data = rest.reduce((merged, next) => mergeSpecData(merged, next.data, next.marks), mergeSpecData(undefined, first!.data, first!.marks));
  const locator = layers.length === 1 ? layers[0]!.locator : new MergedLocator(layers);
  const display = main.display;

  // Values already reported (bad interpolation, schema errors) are skipped by normalize so each problem shows once.
  const incomplete: (string | number)[][] = [];
  const located = [...interpolationIssues, ...validateSpec(data, display, locator, (path) => fromVariables.has(JSON.stringify(path)), incomplete)];
  const issues: SpecIssue[] = [...dotenv.issues, ...located];

  const normalized = normalizeSpec(data, {
    file: display,
    specFile: main.abs,
    homeDir: options.homeDir ?? homedir(),
    vars,
    locator,
    reported: [...located.map((issue) => issue.path), ...incomplete],
    readTextFile: (path) => reader.readText(path),
    listDir: (path) => reader.listDir(path),
  });
  issues.push(...normalized.issues);

  if (issues.length > 0) throw new SpecError(sortIssues(dedupeIssues(issues)).map(tidyIssue));
  const shown = sortIssues(dedupeIssues([...warnings, ...normalized.warnings]));
  return {
    ...normalized.state,
    ...(files.length > 1 ? { files: files.map((f) => f.display) } : {}),
    ...(shown.length > 0 ? { warnings: shown } : {}),
  };
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
