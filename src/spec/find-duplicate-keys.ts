// Finds repeated keys in every map of a YAML document in linear time. The yaml library's own check (uniqueKeys)
// compares each key with all before it: a 218k-entry label map took minutes to parse.
import { isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

/** Source offsets of each key that repeats one before it in the same map (equal scalar values, as yaml compares). */
export function findDuplicateKeys(doc: Document): number[] {
  const offsets: number[] = [];
  // A stack, not recursion: the document may nest deeper than the call stack allows.
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key;
        if (isScalar(key)) {
          if (seen.has(key.value)) offsets.push(key.range?.[0] ?? 0);
          else seen.add(key.value);
        } else stack.push(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return offsets.sort((a, b) => a - b);
}
