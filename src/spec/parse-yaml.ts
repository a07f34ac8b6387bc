// Parses envctl.yaml into a YAML Document that keeps source positions; syntax errors become located SpecIssues.
// Hostile documents are stopped here, located: nesting deeper than MAX_NESTING (checked while parsing, before the
// parser's recursion could overflow) and aliases that are undefined, loop, or expand into an alias bomb.
import { Composer, Lexer, LineCounter, Parser, type Document } from 'yaml';
import type { SpecIssue } from '../errors/envctl-error.js';
import { checkDocument } from './check-document.js';

/** How deep maps and lists may nest; a spec needs about 8 (deploy.resources.reservations.generic_resources…). */
const MAX_NESTING = 64;

export interface ParsedYaml {
  doc: Document;
  lineCounter: LineCounter;
  /** Syntax errors; when non-empty the document cannot be trusted. */
  issues: SpecIssue[];
}

export function parseYaml(source: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const at = (offset: number, message: string, hint?: string): SpecIssue => {
    const { line, col } = lineCounter.linePos(offset);
    return hint === undefined ? { file, path: [], line, col, message } : { file, path: [], line, col, message, hint };
  };
  const parser = new Parser(lineCounter.addNewLine);
  let tooDeep: number | null = null;
  // Parser.parse() fed lexeme by lexeme, so the depth can be checked after each one (its stack = open collections).
  function* tokens() {
    lineCounter.addNewLine(0);
    for (const lexeme of new Lexer().lex(source)) {
      yield* parser.next(lexeme);
      if (parser.stack.length > MAX_NESTING + 1) {
        tooDeep = parser.offset;
        return;
      }
    }
    yield* parser.end();
  }
  // prettyErrors off: we print our own `file:line:col: message`, not yaml's code frame.
  // merge: `<<: *anchor` as Compose users write it (YAML 1.2 core would keep `<<` as a plain key).
  // logLevel error: yaml would otherwise print its own warnings (with parts of the document) to stderr.
  // uniqueKeys off: yaml compares each key with every earlier one (80,000 labels took 60 s); checkDocument does it with a Set.
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, version: '1.2', merge: true, logLevel: 'error' });
  let doc: Document | undefined;
  let second: Document | undefined;
  for (const composed of composer.compose(tokens(), true, source.length)) {
    if (doc === undefined) doc = composed;
    else {
      second = composed;
      break;
    }
  }
  if (doc === undefined) throw new Error('yaml composed no document'); // compose(…, forceDoc: true) always does
  if (tooDeep !== null) {
    const issue = at(tooDeep, `YAML nests deeper than ${MAX_NESTING} levels here`, 'a spec nests a few levels; is this the right file?');
    return { doc, lineCounter, issues: [issue] };
  }
  const issues = doc.errors.map((error) =>
    error.code === 'RESOURCE_EXHAUSTION'
      ? at(error.pos[0], `YAML nests too deeply here`, 'a spec nests a few levels; is this the right file?')
      : at(error.pos[0], `YAML syntax: ${withoutSource(error.message)}`),
  );
  if (second) issues.push(at(second.range?.[0] ?? source.length, 'a second YAML document (after `---`)', 'a spec is one document: remove the `---` and what follows, or merge it into the first'));
  if (issues.length === 0) issues.push(...checkDocument(doc, (node, message, hint) => at(node.range?.[0] ?? 0, message, hint)));
  return { doc, lineCounter, issues };
}

/** yaml's messages that end by quoting the source ("Unresolved tag: !x"): the file may be a secret, so only the first words. */
const QUOTES_SOURCE = /^(Block scalar header includes extra characters|Unresolved tag|Could not resolve tag|Not a valid tag|Not a YAML token|Invalid escape sequence|Anchor must not contain whitespace or control characters|Ordered maps must not include duplicate keys|Unresolved plain scalar|Unknown directive|Unsupported YAML version|Verbatim tags aren't resolved)\b/;

function withoutSource(message: string): string {
  const first = (message.split('\n')[0] ?? message).trim();
  return QUOTES_SOURCE.exec(first)?.[1] ?? first;
}
