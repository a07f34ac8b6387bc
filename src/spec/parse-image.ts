// Canonicalizes an image reference so desired and observed compare: `:latest` is added when there is no tag or digest.
import { fail, ok, type Parsed } from './parse-result.js';

export function parseImage(value: string): Parsed<string> {
  const ref = value.trim();
  if (ref === '' || /\s/.test(ref)) return fail(`"${value}" is not an image reference`, 'e.g. ubuntu:24.04 or ghcr.io/org/app:1.2');
  if (ref.includes('@')) return ok(ref);
  // A ':' before the last '/' is a registry port (host:5000/repo), not a tag.
  const lastSlash = ref.lastIndexOf('/');
  const hasTag = ref.indexOf(':', lastSlash + 1) !== -1;
  return ok(hasTag ? ref : `${ref}:latest`);
}
