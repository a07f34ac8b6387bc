// The spec's secret values (spec/sensitive-values.ts) never reach the terminal: once the spec is loaded, every text
// this process writes to stdout or stderr has them replaced by `(sensitive)` — plans, status, errors, --json (where a
// value may appear JSON-escaped), --debug stacks, progress lines — whichever field or engine message carried them.
const HIDDEN = '(sensitive)';

let hidden: string[] = [];

/** Adds values to hide from now on; the streams are wrapped once per process. */
export function hideInOutput(values: readonly string[]): void {
  if (values.length === 0) return;
  const first = hidden.length === 0;
  const forms = values.flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]);
  hidden = [...new Set([...hidden, ...forms])].sort((a, b) => b.length - a.length);
  if (!first) return;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    // Text only: a Buffer written to stdout is data (an archive), not something envctl says.
    stream.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? hideSecrets(chunk) : chunk, ...rest)) as typeof stream.write;
  }
}

export function hideSecrets(text: string): string {
  let out = text;
  for (const value of hidden) if (out.includes(value)) out = out.split(value).join(HIDDEN);
  return out;
}
