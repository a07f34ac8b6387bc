// Several spec files as one (`-f base.yaml -f mine.yaml`, envctl.override.yaml): maps merge key by key (so do
// `environment`/`labels`/`sysctls` written as "K=V" lists), anything else (a list, a scalar) is replaced by the later
// file's value, and every value is still located in the file that wrote it.
// As in Compose, `KEY: !reset …` removes what earlier files set for KEY, and `KEY: !override {…}` replaces a map whole.
import { isMap as isYamlMap, isPair, isScalar, type Document, type Node } from 'yaml';
import type { DataPath } from '../base/data-path.js';
import type { Locator, Position } from './locate-node.js';

/** One file's contribution: its data after interpolation, and positions in its own source. */
export interface SpecLayer {
  /** The file as shown in messages. */
  file: string;
  data: unknown;
  locator: Locator;
  /** Keys tagged `!reset` / `!override` in this file (JSON-encoded data paths). */
  marks?: MergeMarks;
}

export interface MergeMarks {
  reset: Set<string>;
  override: Set<string>;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` merged onto `base`: maps merge recursively, the later value replaces everything else (lists too). */
export function mergeSpecData(base: unknown, over: unknown, marks?: MergeMarks, path: DataPath = []): unknown {
  if (!isMap(base) || !isMap(over)) return over === undefined ? base : withoutResets(over, marks, path);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const at = JSON.stringify([...path, key]);
    if (marks?.reset.has(at)) delete out[key];
    else if (marks?.override.has(at) || !Object.hasOwn(base, key)) out[key] = withoutResets(value, marks, [...path, key]);
    else if (mergesByKey(key, [base[key], value])) out[key] = mergeSpecData(asEntryMap(base[key]), asEntryMap(value), marks, [...path, key]);
    else out[key] = mergeSpecData(base[key], value, marks, [...path, key]);
  }
  return out;
}

/** A value taken whole still loses the keys its own file tagged `!reset` (nothing earlier to remove: just the key). */
function withoutResets(value: unknown, marks: MergeMarks | undefined, path: DataPath): unknown {
  if (marks === undefined || marks.reset.size === 0 || !isMap(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (!marks.reset.has(JSON.stringify([...path, key]))) out[key] = withoutResets(child, marks, [...path, key]);
  }
  return out;
}

/** The map keys of one file whose values are tagged `!reset` or `!override` (in maps nested in maps). */
export function mergeMarks(doc: Document): MergeMarks | undefined {
  const marks: MergeMarks = { reset: new Set(), override: new Set() };
  const walk = (node: unknown, path: DataPath): void => {
    if (!isYamlMap(node)) return;
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const at = [...path, String(pair.key.value)];
      const value = pair.value as Node | null;
      if (value?.tag === '!reset') marks.reset.add(JSON.stringify(at));
      else if (value?.tag === '!override') marks.override.add(JSON.stringify(at));
      walk(value, at);
    }
  };
  walk(doc.contents, []);
  return marks.reset.size + marks.override.size > 0 ? marks : undefined;
}

/** Positions in the merged document: each path is looked up in the file whose value is the one that counts. */
export class MergedLocator implements Locator {
  constructor(private readonly layers: readonly SpecLayer[]) {}

  value(path: DataPath): Position {
    const { layer, path: at } = this.ownerOf(path);
    return { ...layer.locator.value(at), file: layer.file };
  }

  key(path: DataPath): Position {
    const { layer, path: at } = this.ownerOf(path);
    return { ...layer.locator.key(at), file: layer.file };
  }

  /**
   * The later file wins a value unless both hold maps there (or, for `environment`/`labels`/`sysctls`, maps or
   * "K=V" lists): then each key is decided on its own, one level down. A path no file holds belongs to the file that
   * owns its deepest existing ancestor (a missing key points at its map). The path is given back as that file has it
   * (a key of a "K=V" list is its index there).
   */
  private ownerOf(path: DataPath): { layer: SpecLayer; path: DataPath } {
    let candidates = this.layers.map((layer) => ({ layer, value: layer.data, at: [] as DataPath }));
    let owner = { layer: this.layers[this.layers.length - 1]!, at: [] as DataPath };
    for (const [depth, segment] of path.entries()) {
      const next = candidates.flatMap((c) => {
        const child = childOf(c.value, segment);
        return child === undefined ? [] : [{ layer: c.layer, value: child.value, at: [...c.at, child.segment] }];
      });
      if (next.length === 0) return { layer: owner.layer, path: [...owner.at, ...path.slice(depth)] };
      const last = next[next.length - 1]!;
      owner = last;
      // Only maps merge: below a list or a scalar, everything comes from the file that wrote it.
      if (next.length > 1 && mergesByKey(segment, next.map((c) => c.value))) candidates = next;
      else candidates = isMap(last.value) ? next.filter((c) => isMap(c.value)) : [last];
    }
    return { layer: owner.layer, path: owner.at };
  }
}

function childOf(value: unknown, segment: string | number): { value: unknown; segment: string | number } | undefined {
  if (Array.isArray(value)) {
    if (typeof segment === 'number') return segment < value.length ? { value: value[segment], segment } : undefined;
    // A key of a "K=V" list that was merged as a map: its item.
    const index = isEntryList(value) ? value.findIndex((item) => entryKey(item) === segment) : -1;
    return index === -1 ? undefined : { value: value[index], segment: index };
  }
  if (isMap(value)) return Object.hasOwn(value, String(segment)) ? { value: value[String(segment)], segment } : undefined;
  return undefined;
}

/** Keys whose value is a map or a list of "K=V" strings: two of them merge by key, as Compose merges them. */
const KEY_VALUE_KEYS = new Set(['environment', 'labels', 'sysctls']);

const isEntryList = (v: unknown): v is string[] => Array.isArray(v) && v.every((item) => typeof item === 'string');

const entryKey = (item: string): string => {
  const eq = item.indexOf('=');
  return eq === -1 ? item : item.slice(0, eq);
};

function mergesByKey(key: string | number, values: unknown[]): boolean {
  return KEY_VALUE_KEYS.has(String(key)) && values.some(isEntryList) && values.every((v) => isMap(v) || isEntryList(v));
}

/** `["K=V", "BARE"]` as the map `{K: "V", BARE: null}` it means. */
function asEntryMap(value: unknown): unknown {
  if (!isEntryList(value)) return value;
  const out: Record<string, string | null> = {};
  for (const item of value) {
    const eq = item.indexOf('=');
    out[eq === -1 ? item : item.slice(0, eq)] = eq === -1 ? null : item.slice(eq + 1);
  }
  return out;
}
