// Reading raw spec values during normalize: located problems, and the values earlier stages already reported
// skipped (so nothing is reported twice and a half-filled long form never reaches a parser).
import type { SpecIssue } from '../errors/envctl-error.js';
import type { KeyValue, Located } from '../fields/field.js';
import type { Parsed } from '../fields/values/parse-result.js';
import type { DataPath, Locator } from './locate-node.js';
import { ReportedPaths } from './reported-paths.js';

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class SpecValues {
  readonly issues: SpecIssue[] = [];
  /** Located warnings: the spec is still valid. */
  readonly warnings: SpecIssue[] = [];
  readonly reported: ReportedPaths;

  constructor(
    private readonly file: string,
    private readonly locator: Locator,
    reported: readonly DataPath[],
  ) {
    this.reported = new ReportedPaths(reported);
  }

  /** Records an issue found before normalize (the value checks), and skips its value from now on. */
  add(issue: SpecIssue): void {
    this.issues.push(issue);
    this.reported.add(issue.path);
  }

  issue(path: DataPath, message: string, hint?: string, atKey = false): void {
    this.issues.push(this.located(path, message, hint, atKey));
  }

  warn(path: DataPath, message: string, hint?: string, atKey = false): void {
    this.warnings.push(this.located(path, message, hint, atKey));
  }

  private located(path: DataPath, message: string, hint: string | undefined, atKey: boolean): SpecIssue {
    const at = atKey ? this.locator.key(path) : this.locator.value(path);
    const located: SpecIssue = { file: at.file ?? this.file, path, line: at.line, col: at.col, message };
    if (hint !== undefined) located.hint = hint;
    return located;
  }

  report<T>(path: DataPath, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    this.issue(path, parsed.message, parsed.hint);
    return undefined;
  }

  /** False when the value is absent or an earlier stage already reported it (or an ancestor). */
  usable(path: DataPath, value: unknown): boolean {
    return value !== undefined && !this.reported.at(path);
  }

  /** Usable and, for a map (a long form), whole: nothing under it reported. Lists are judged item by item. */
  whole(path: DataPath, value: unknown): boolean {
    return this.usable(path, value) && !(isObj(value) && this.reported.touches(path));
  }

  where(path: DataPath, atKey = false): string {
    const { line, col, file } = atKey ? this.locator.key(path) : this.locator.value(path);
    return `${file ?? this.file}:${line}:${col}`;
  }

  /** The usable items of a list value, each with its own path. */
  items(field: Located<unknown>): Located<unknown>[] {
    if (!Array.isArray(field.value)) return [];
    return field.value.map((value: unknown, i) => ({ value, path: [...field.path, i] })).filter((item) => this.whole(item.path, item.value));
  }

  /** A `{K: V}` map or `["K=V"]` list as entries; `null` / a bare "K" keep value null (meaning differs per field). */
  keyValues(field: Located<unknown>): KeyValue[] {
    if (Array.isArray(field.value)) {
      const entries: KeyValue[] = [];
      for (const item of this.items(field)) {
        const text = String(item.value);
        const eq = text.indexOf('=');
        const key = eq === -1 ? text : text.slice(0, eq);
        if (key.trim() === '') {
          this.issue(item.path, 'this entry has no name before "="', 'write "KEY=value"'); // the value may be a secret: not quoted
          continue;
        }
        entries.push({ key, value: eq === -1 ? null : text.slice(eq + 1), path: item.path });
      }
      return entries;
    }
    if (!isObj(field.value)) return [];
    return Object.entries(field.value)
      .map(([key, value]) => ({ key, value: value === null ? null : String(value), path: [...field.path, key] }))
      .filter((entry) => !this.reported.at(entry.path));
  }
}
