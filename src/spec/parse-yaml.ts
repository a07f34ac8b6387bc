// Parses envctl.yaml into a YAML Document that keeps source positions; syntax errors become located SpecIssues.
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { SpecIssue } from '../errors/envctl-error.js';

export interface ParsedYaml {
  doc: Document;
  lineCounter: LineCounter;
  /** Syntax errors; when non-empty the document cannot be trusted. */
  issues: SpecIssue[];
}

export function parseYaml(source: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  // prettyErrors off: we print our own `file:line:col: message`, not yaml's code frame.
  // merge: `<<: *anchor` as Compose users write it (YAML 1.2 core would keep `<<` as a plain key).
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2', merge: true });
  const issues = doc.errors.map((error): SpecIssue => {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { file, path: [], line, col, message: `YAML syntax: ${firstLine(error.message)}` };
  });
  return { doc, lineCounter, issues };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}
