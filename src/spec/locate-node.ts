// Maps a data path (['environments', 'box', 'ports', 0]) back to a line:col in the YAML source.
import { isAlias, isMap, isPair, isScalar, isSeq, visit, type Alias, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';

export type { DataPath } from '../base/data-path.js';
import type { DataPath } from '../base/data-path.js';

export interface Position {
  line: number;
  col: number;
  /** The file holding it, when the spec is several files (merged); absent = the spec file. */
  file?: string;
}

/** Where the value (or the key of the map entry) at a data path was written. */
export interface Locator {
  value(path: DataPath): Position;
  key(path: DataPath): Position;
}

/** Finds source positions in one parsed document; both the value and, for map entries, the key. */
export class NodeLocator implements Locator {
  private readonly indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  private targets: Map<Alias, Node> | undefined;

  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /** Position of the value at `path`, or of the deepest ancestor that exists (so a missing field points at its parent). */
  value(path: DataPath): Position {
    return this.positionOf(this.walk(path).value);
  }

  /** Position of the key of the map entry at `path` (falls back to the value's position). */
  key(path: DataPath): Position {
    const found = this.walk(path);
    return this.positionOf(found.complete && found.key ? found.key : found.value);
  }

  private walk(path: DataPath): { value: Node | null; key: Node | null; complete: boolean } {
    let node: Node | null = this.resolve(this.doc.contents);
    let key: Node | null = null;
    for (const segment of path) {
      const next = this.child(node, segment);
      if (!next) return { value: node, key, complete: false };
      node = next.value ?? next.key;
      key = next.key;
    }
    return { value: node, key, complete: true };
  }

  private child(node: Node | null, segment: string | number): { key: Node | null; value: Node | null } | null {
    if (isMap(node)) {
      const pair = this.keysOf(node).get(String(segment));
      return pair === undefined ? null : { key: pair.key as Node | null, value: this.resolve(pair.value as Node | null) };
    }
    if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      return item === undefined ? null : { key: null, value: this.resolve(item) };
    }
    return null;
  }

  private keysOf(map: YAMLMap): Map<string, Pair> {
    let index = this.indexes.get(map);
    if (index === undefined) {
      index = new Map();
      for (const pair of map.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const keyValue = isScalar(keyNode) ? keyNode.value : keyNode;
        // The first entry wins, as a scan from the top would find it.
        if (keyValue !== null && !index.has(String(keyValue))) index.set(String(keyValue), pair);
      }
      this.indexes.set(map, index);
    }
    return index;
  }

  private resolve(node: unknown): Node | null {
    if (isAlias(node)) return this.aliasTargets().get(node) ?? null;
    return (node as Node | null) ?? null;
  }

  /** What every alias stands for, from one walk (yaml's own resolve walks the whole document for each alias). */
  private aliasTargets(): Map<Alias, Node> {
    if (this.targets === undefined) {
      const targets = new Map<Alias, Node>();
      const anchors = new Map<string, Node>();
      // YAML: an alias refers to the last node anchored with its name before it, in document order.
      visit(this.doc, {
        Node: (_, node) => {
          if (isAlias(node)) {
            const target = anchors.get(node.source);
            if (target !== undefined) targets.set(node, target);
          } else if (node.anchor) anchors.set(node.anchor, node);
        },
      });
      this.targets = targets;
    }
    return this.targets;
  }

  private positionOf(node: Node | null): Position {
    const offset = node?.range?.[0];
    if (offset === undefined) return { line: 1, col: 1 };
    const { line, col } = this.lineCounter.linePos(offset);
    return { line, col };
  }
}
