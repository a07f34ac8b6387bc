// Parses a service-level `tmpfs:` entry ("/run" or "/run:size=64m") into a tmpfs Mount, like a volumes tmpfs entry.
import type { Mount } from '../canonical-env.js';
import { controlCharIn } from './check-text.js';
import { fail, ok, type Parsed } from './parse-result.js';
import { parseSize } from './parse-size.js';

export function parseTmpfs(text: string): Parsed<Mount> {
  const colon = text.indexOf(':');
  const target = colon === -1 ? text : text.slice(0, colon);
  const options = colon === -1 ? '' : text.slice(colon + 1);
  if (!target.startsWith('/')) return fail(`tmpfs "${text}": the path must be absolute inside the container`, 'e.g. "/run" or "/run:size=64m"');
  const control = controlCharIn(text);
  if (control !== null) return fail(`tmpfs ${JSON.stringify(text)} contains ${control}`, 'e.g. "/run" or "/run:size=64m"');
  let sizeBytes: number | null = null;
  for (const option of options.split(',').filter((o) => o !== '')) {
    const m = /^size=(.+)$/.exec(option);
    if (!m) return fail(`tmpfs "${text}": only the size= option is supported, found "${option}"`, 'e.g. "/run:size=64m"');
    const size = parseSize(m[1] as string);
    if (!size.ok) return size;
    sizeBytes = size.value;
  }
  return ok({ type: 'tmpfs', target, sizeBytes });
}
