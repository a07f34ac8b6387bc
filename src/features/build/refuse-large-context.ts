// Stops plan and apply before a huge context is hashed or sent (a datasets folder forgotten in .dockerignore): the
// error names the size, the biggest entries at the top of the context, and the line that would leave one out.
import { join } from 'node:path';
import type { BuildContextEntry } from '../../engine/engine.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import { DEFAULT_MAX_CONTEXT_BYTES, type BuildSpec } from '../../spec/image-source.js';
import { formatContextSize } from './format-context-size.js';

const SHOWN = 5;

export function contextBytes(entries: readonly BuildContextEntry[]): number {
  return entries.reduce((sum, e) => sum + e.size, 0);
}

export function refuseLargeContext(build: BuildSpec, entries: readonly BuildContextEntry[]): void {
  const total = contextBytes(entries);
  if (total <= build.maxContextBytes) return;
  // Sizes per top-level name: what a .dockerignore line leaves out.
  const top = new Map<string, number>();
  for (const e of entries) {
    const slash = e.path.indexOf('/');
    const name = slash === -1 ? e.path : `${e.path.slice(0, slash)}/`;
    top.set(name, (top.get(name) ?? 0) + e.size);
  }
  const biggest = [...top].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, SHOWN);
  const listed = biggest.map(([name, bytes]) => `${name} (${formatContextSize(bytes)})`).join(', ');
  const limit = `${build.maxContextBytes === DEFAULT_MAX_CONTEXT_BYTES ? 'the default limit' : 'build.max_context'} (${formatContextSize(build.maxContextBytes)})`;
  const example = biggest[0]?.[0].replace(/\/$/, '') ?? '';
  throw new EnvctlError(
    'build-context-too-large',
    `the build context ${build.context} is ${formatContextSize(total)} after .dockerignore, more than ${limit}; biggest: ${listed}`,
    {
      hint: `leave out what the image does not need with a line in ${join(build.context, '.dockerignore')} (e.g. \`${example}\`), or raise \`build.max_context\` (e.g. max_context: ${Math.ceil(total / 1024 ** 3)}g); nothing was sent`,
    },
  );
}
