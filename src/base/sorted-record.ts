// A string record with its keys in order, so equal records read (and stringify, and hash) the same.
export function sortedRecord(record: Readonly<Record<string, string>> | null | undefined): Record<string, string> {
  const source = record ?? {};
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(source).sort()) sorted[key] = source[key] as string;
  return sorted;
}
