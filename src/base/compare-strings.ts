// The one order of strings envctl sorts by (UTF-16 code units, as Array.prototype.sort does), as a comparator.
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
