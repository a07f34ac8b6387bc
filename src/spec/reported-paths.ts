// The data paths earlier stages already reported, looked up in time proportional to a path's depth (not to their
// number: a spec with 200k bad labels must not make every later lookup scan 200k paths).
import type { DataPath } from './locate-node.js';

const SEP = '\u0000';

export class ReportedPaths {
  private readonly exact = new Set<string>();
  /** Every proper prefix of a reported path: something below it was reported. */
  private readonly above = new Set<string>();

  constructor(paths: Iterable<DataPath> = []) {
    for (const path of paths) this.add(path);
  }

  add(path: DataPath): void {
    let key = '';
    for (const segment of path) {
      this.above.add(key);
      key += SEP + String(segment);
    }
    this.exact.add(key);
  }

  /** The path itself or one of its ancestors was reported. */
  at(path: DataPath): boolean {
    let key = '';
    if (this.exact.has(key)) return true;
    for (const segment of path) {
      key += SEP + String(segment);
      if (this.exact.has(key)) return true;
    }
    return false;
  }

  /** Reported at, above or anywhere below the path: a value that is not whole enough to use. */
  touches(path: DataPath): boolean {
    return this.at(path) || this.above.has(path.map((s) => SEP + String(s)).join(''));
  }
}
