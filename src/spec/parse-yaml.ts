// Parses envctl.yaml into a YAML Document that keeps source positions; syntax errors become located SpecIssues.
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { SpecIssue } from '../errors/envctl-error.js';
import { findDuplicateKeys } from './find-duplicate-keys.js';

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
  // uniqueKeys off: yaml's check is quadratic in the size of a map; findDuplicateKeys does it in linear time.
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: false, version: '1.2', merge: true });
  const positions = [...doc.errors.map((error) => ({ at: error.pos[0], message: error.message })), ...findDuplicateKeys(doc).map((at) => ({ at, message: 'Map keys must be unique' }))];
  const issues = positions.sort((a, b) => a.at - b.at).map(({ at, message }): SpecIssue => {
    const { line, col } = lineCounter.linePos(at);
    return { file, path: [], line, col, message: `YAML syntax: ${firstLine(message)}` };
  });
  return { doc, lineCounter, issues };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}
