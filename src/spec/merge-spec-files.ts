// Several spec files as one (`-f base.yaml -f mine.yaml`, envctl.override.yaml): maps merge key by key, anything else
// (a list, a scalar) is replaced by the later file's value, and every value is still located in the file that wrote it.
import type { DataPath } from '../base/data-path.js';
import type { Locator, Position } from './locate-node.js';

/** One file's contribution: its data after interpolation, and positions in its own source. */
export interface SpecLayer {
  /** The file as shown in messages. */
  file: string;
  data: unknown;
  locator: Locator;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` merged onto `base`: maps merge recursively, the later value replaces everything else (lists too). */
export function mergeSpecData(base: unknown, over: unknown): unknown {
  if (!isMap(base) || !isMap(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = Object.hasOwn(base, key) ? mergeSpecData(base[key], value) : value;
  return out;
}

/** Positions in the merged document: each path is looked up in the file whose value is the one that counts. */
export class MergedLocator implements Locator {
  constructor(private readonly layers: readonly SpecLayer[]) {}

  value(path: DataPath): Position {
    const layer = this.ownerOf(path);
    return { ...layer.locator.value(path), file: layer.file };
  }

  key(path: DataPath): Position {
    const layer = this.ownerOf(path);
    return { ...layer.locator.key(path), file: layer.file };
  }

  /**
   * The later file wins a value unless both hold maps there: then each key is decided on its own, one level down.
   * A path no file holds belongs to the file that owns its deepest existing ancestor (a missing key points at its map).
   */
  private ownerOf(path: DataPath): SpecLayer {
    let candidates = this.layers.map((layer) => ({ layer, value: layer.data }));
    let owner = this.layers[this.layers.length - 1]!;
    for (const segment of path) {
      const next = candidates.flatMap(({ layer, value }) => (childOf(value, segment) === undefined ? [] : [{ layer, value: childOf(value, segment) }]));
      if (next.length === 0) return owner;
      const last = next[next.length - 1]!;
      owner = last.layer;
      // Only maps merge: below a list or a scalar, everything comes from the file that wrote it.
      candidates = isMap(last.value) ? next.filter((c) => isMap(c.value)) : [last];
    }
    return owner;
  }
}

function childOf(value: unknown, segment: string | number): unknown {
  if (Array.isArray(value)) return typeof segment === 'number' ? value[segment] : undefined;
  if (isMap(value)) return Object.hasOwn(value, String(segment)) ? value[String(segment)] : undefined;
  return undefined;
}
