// Small readers of raw spec values that many fields share: a string or list of strings, a boolean, an optional text.
import type { Located, NormalizeContext, RawInput } from './field.js';
import type { Parsed } from './values/parse-result.js';

/** Each string of a "string or list of strings" value (parsed when `parse` is given); problems reported, items skipped. */
export function rawStrings(input: RawInput<unknown>, ctx: NormalizeContext, parse?: (text: string) => Parsed<string>): string[] {
  const located = input.value;
  if (!located) return [];
  const list: Located<unknown>[] = typeof located.value === 'string' ? [located] : ctx.items(located);
  const out: string[] = [];
  for (const item of list) {
    if (item.value === null || item.value === undefined) continue;
    const text = String(item.value);
    const value = parse ? ctx.report(item.path, parse(text)) : text;
    if (value !== undefined) out.push(value);
  }
  return out;
}

/** A boolean key: true only when written true. */
export function rawBool(input: RawInput<boolean | undefined>): boolean {
  return input.value?.value === true;
}

/** A text the image may decide instead (null = left out, or written as null). */
export function rawOptionalText(input: RawInput<unknown>): string | null {
  const v = input.value?.value;
  return v === undefined || v === null ? null : String(v);
}

/** Sorted and without repeats: lists the engine treats as sets. */
export const sortedSet = (items: Iterable<string>): string[] => [...new Set(items)].sort();

export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
