// Checks a parsed document before it becomes data, so that turning it into data is bounded and cannot throw: every
// `*name` needs an `&name` before it and outside it, aliases may not multiply the document ("billion laughs"), keys
// are plain values (not lists or maps) and unique in their map, and `<<` merges maps only. Linear in the document.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { SpecIssue } from '../errors/envctl-error.js';

/** The most values aliases may add to a document (a spec merging `<<: *defaults` into 1,000 environments adds ~20,000). */
const MAX_ALIAS_VALUES = 100_000;

/** The most aliases a document may use: yaml resolves each by scanning the ones before it (quadratic in their number). */
const MAX_ALIASES = 10_000;

/** How deep data may nest once aliases are expanded (as deep as a written document may: see parse-yaml). */
const MAX_EXPANDED_DEPTH = 64;

type Locate = (node: Node, message: string, hint: string) => SpecIssue;

interface Size {
  values: number;
  depth: number;
}

/** Problems, in document order; an empty list means `doc.toJS()` cannot throw and expands a bounded amount. */
export function checkDocument(doc: Document, at: Locate): SpecIssue[] {
  const walk = new DocumentWalk(at);
  walk.walk(doc.contents as Node | null, 0);
  return walk.found;
}

class DocumentWalk {
  /** name → the latest node anchored with it so far (YAML: an alias refers to the last such anchor before it). */
  private readonly anchors = new Map<string, Node>();
  private readonly sizes = new Map<Node, Size>();
  /** Anchored nodes being walked: an alias to one of them would be a loop. */
  private readonly open = new Set<Node>();
  private added = 0;
  private aliases = 0;
  private stopped = false;

  readonly found: SpecIssue[] = [];

  constructor(private readonly at: Locate) {}

  private report(node: Node, message: string, hint: string): void {
    this.found.push(this.at(node, message, hint));
  }

  private lineOf(node: Node): number {
    return this.at(node, '', '').line;
  }

  /** Depth is bounded by parse-yaml's check of the written document, so this recursion is too. */
  walk(node: Node | null, depth: number): Size {
    if (node === null || this.stopped) return { values: 1, depth: 1 };
    if (isAlias(node)) return this.alias(node, depth);
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) {
      this.anchors.set(anchor, node);
      this.open.add(node);
    }
    let values = 1;
    let deepest = 0;
    if (isMap(node)) this.checkMap(node.items.map((pair) => [pair.key as Node | null, pair.value as Node | null]));
    const children: (Node | null)[] = isMap(node)
      ? node.items.flatMap((pair) => (isPair(pair) ? [pair.key as Node | null, pair.value as Node | null] : []))
      : isSeq(node)
        ? (node.items as (Node | null)[])
        : [];
    for (const child of children) {
      const size = this.walk(child, depth + 1);
      values += size.values;
      deepest = Math.max(deepest, size.depth);
    }
    const size = { values, depth: deepest + 1 };
    if (anchor) {
      this.open.delete(node);
      this.sizes.set(node, size);
    }
    return size;
  }

  private checkMap(pairs: [Node | null, Node | null][]): void {
    const seen = new Map<string, Node>();
    for (const [key, value] of pairs) {
      this.checkPair(key, value);
      // Several `<<` are fine (each merges); other keys are compared by value, as YAML does ("1" and 1 differ).
      if (!isScalar(key) || typeof key.value === 'symbol') continue;
      const id = `${typeof key.value}:${String(key.value)}`;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, key);
      else this.report(key, `the key \`${String(key.value)}\` is written twice in this map`, `YAML keeps only one: remove or rename one of them; the other is at line ${this.lineOf(first)}`);
    }
  }

  /** What toJS would throw on (a merge of a non-map) or garble (a list or map as a key, stringified with a warning). */
  private checkPair(key: Node | null, value: Node | null): void {
    if (key === null || this.stopped) return;
    const target = this.resolved(key);
    if (isMap(target) || isSeq(target)) {
      this.report(key, 'a key must be a plain value (a name or a number), not a list or a map', 'write the key as text; quote it if it holds [ ] { } or :');
      return;
    }
    if (!isScalar(key) || typeof key.value !== 'symbol' || key.value.description !== '<<' || value === null) return;
    const source = this.resolved(value);
    const sources = isSeq(source) ? (source.items as (Node | null)[]) : [value];
    if (!sources.every((item) => item !== null && isMap(this.resolved(item)))) {
      this.report(value, '`<<` merges maps only: give it a map, an alias of a map (`<<: *defaults`) or a list of those', 'define the shared fields as a map: `x-defaults: &defaults { … }`');
    }
  }

  /** The node an alias stands for (as far as the walk has seen), or the node itself. */
  private resolved(node: Node): Node | undefined {
    return isAlias(node) ? this.anchors.get(node.source) : node;
  }

  private alias(node: Node & { source: string }, depth: number): Size {
    const name = node.source;
    const target = this.anchors.get(name);
    if (target === undefined) {
      this.report(node, `alias \`*${name}\` refers to no anchor: \`&${name}\` must come before it`, `write \`&${name}\` on the value to repeat, above this line`);
      return { values: 1, depth: 1 };
    }
    const size = this.sizes.get(target);
    if (size === undefined || this.open.has(target)) {
      this.report(node, `alias \`*${name}\` is inside the value \`&${name}\` it repeats (a loop)`, 'an alias can repeat only a value that ends before it');
      return { values: 1, depth: 1 };
    }
    this.added += size.values;
    this.aliases += 1;
    if (this.aliases > MAX_ALIASES) {
      this.report(node, `more than ${MAX_ALIASES.toLocaleString('en')} aliases in one document`, 'a spec repeats values with a few aliases (`<<: *defaults`); write the rest out');
      this.stopped = true;
    } else if (this.added > MAX_ALIAS_VALUES) {
      this.report(node, `aliases expand the document to more than ${MAX_ALIAS_VALUES.toLocaleString('en')} extra values here (an alias bomb?)`, 'repeat values with fewer aliases of aliases');
      this.stopped = true;
    } else if (depth + size.depth > MAX_EXPANDED_DEPTH) {
      this.report(node, `alias \`*${name}\` nests the data deeper than ${MAX_EXPANDED_DEPTH} levels`, 'repeat values with fewer aliases of aliases');
      this.stopped = true;
    }
    return size;
  }
}
