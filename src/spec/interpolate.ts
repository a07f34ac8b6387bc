// Substitutes ${VAR}, ${VAR:-default}, ${VAR:?message}, $VAR and $$ in YAML scalars (values and keys) in place,
// on the AST, so every node keeps its source position.
import { isPair, isScalar, isSeq, visit, type Document, type Node, type Scalar } from 'yaml';
import type { SpecIssue } from '../errors/envctl-error.js';
import type { NodeLocator } from './locate-node.js';

export type Variables = Record<string, string | undefined>;

export type InterpolationResult = { ok: true; value: string } | { ok: false; message: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Called with each variable used without a default that is not set. */
export type OnUnset = (name: string) => void;

/** Interpolates one string. Unset variables without a default become '' (as in Compose, which warns: `onUnset`). */
export function interpolateString(input: string, vars: Variables, onUnset?: OnUnset): InterpolationResult {
  let out = '';
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch !== '$') {
      out += ch;
      i += 1;
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = findClosingBrace(input, i + 2);
      // The string is not quoted back: it may be a secret (it is located by line and column instead).
      if (end === -1) return { ok: false, message: 'unterminated `${` (a literal $ is written $$)' };
      const result = expandBraced(input.slice(i + 2, end), vars, onUnset);
      if (!result.ok) return result;
      out += result.value;
      i = end + 1;
      continue;
    }
    const name = NAME.exec(input.slice(i + 1));
    if (name) {
      const value = vars[name[0]];
      if (value === undefined) onUnset?.(name[0]);
      out += value ?? '';
      i += 1 + name[0].length;
      continue;
    }
    // A `$` not followed by a name stays literal ("costs $5").
    out += '$';
    i += 1;
  }
  return { ok: true, value: out };
}

/** Index of the `}` closing a `${` whose body starts at `from`, honouring nested `${…}` in defaults. */
function findClosingBrace(input: string, from: number): number {
  let depth = 1;
  for (let i = from; i < input.length; i += 1) {
    if (input[i] === '$' && input[i + 1] === '{') {
      depth += 1;
      i += 1;
    } else if (input[i] === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function expandBraced(body: string, vars: Variables, onUnset?: OnUnset): InterpolationResult {
  const name = NAME.exec(body)?.[0];
  if (name === undefined) return { ok: false, message: `\`\${${body}}\` is not a valid variable reference` };
  const rest = body.slice(name.length);
  const value = vars[name];
  if (rest === '') {
    if (value === undefined) onUnset?.(name);
    return { ok: true, value: value ?? '' };
  }
  const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0];
  if (op === undefined) return { ok: false, message: `\`\${${body}}\` is not a valid variable reference (expected \${${name}:-default} or \${${name}:?message})` };
  // The operand may itself contain ${…}; it is only expanded when used.
  const operand = () => interpolateString(rest.slice(op.length), vars, onUnset);
  const unsetOrEmpty = value === undefined || value === '';
  switch (op) {
    case ':-':
      return unsetOrEmpty ? operand() : { ok: true, value };
    case '-':
      return value === undefined ? operand() : { ok: true, value };
    case ':+':
      return unsetOrEmpty ? { ok: true, value: '' } : operand();
    case '+':
      return value === undefined ? { ok: true, value: '' } : operand();
    default: {
      const failed = op === ':?' ? unsetOrEmpty : value === undefined;
      if (!failed) return { ok: true, value: value ?? '' };
      const message = operand();
      const text = message.ok && message.value !== '' ? message.value : `${op === ':?' ? 'must be set and non-empty' : 'must be set'}`;
      return { ok: false, message: `variable ${name}: ${text}` };
    }
  }
}

/**
 * Interpolates every string scalar of the document in place and returns the failures as issues at their scalars.
 * A plain (unquoted) scalar that changed is re-typed like YAML would (`tty: ${TTY}` → boolean), quoted ones stay strings.
 */
export function interpolateDocument(
  doc: Document,
  vars: Variables,
  file: string,
  locator: NodeLocator,
  changed?: Set<string>,
  warnings?: SpecIssue[],
): SpecIssue[] {
  const issues: SpecIssue[] = [];
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (typeof node.value !== 'string' || !node.value.includes('$')) return;
      const input = node.value;
      const path = dataPath(ancestors, node, key === 'key');
      const unset = new Set<string>();
      const result = interpolateString(input, vars, (name) => unset.add(name));
      for (const name of unset) warnings?.push({ file, path, ...(key === 'key' ? locator.key(path) : locator.value(path)), ...unsetWarning(name) });
      if (!result.ok) {
        const at = key === 'key' ? locator.key(path) : locator.value(path);
        issues.push({ file, path, ...at, message: result.message });
        return;
      }
      node.value = key !== 'key' && node.type === 'PLAIN' ? retype(result.value) : result.value;
      // A value from a variable may be a secret: messages about it do not quote it.
      if (key !== 'key' && result.value !== input) changed?.add(JSON.stringify(path));
    },
  });
  return issues;
}

/** Compose's warning, with where to set it. */
export function unsetWarning(name: string): { message: string; hint: string } {
  return { message: `variable ${name} is not set: using ""`, hint: `set ${name} in your environment or .env, or write \${${name}:-default}` };
}

function retype(value: string): string | number | boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^-?(0|[1-9][0-9]*)$/.test(value)) return Number(value);
  if (/^-?(0|[1-9][0-9]*)\.[0-9]+$/.test(value)) return Number(value);
  return value;
}

/** The data path of a scalar from the visitor's ancestor chain (keys of enclosing pairs, indexes in sequences). */
function dataPath(ancestors: readonly unknown[], node: Scalar, isKey: boolean): (string | number)[] {
  const path: (string | number)[] = [];
  const chain = [...ancestors, node];
  chain.forEach((ancestor, index) => {
    const child = chain[index + 1];
    if (isPair(ancestor)) {
      // A key scalar is addressed by its own (original) text, before it is rewritten.
      if (isKey && child === node && ancestor.key === node) return void path.push(String(node.value));
      const k = ancestor.key;
      path.push(isScalar(k) ? String(k.value) : String(k));
    } else if (isSeq(ancestor) && child !== undefined) {
      path.push(ancestor.items.indexOf(child as Node));
    }
  });
  return path;
}
