// Checks an image reference against Docker's reference grammar (distribution/reference) and canonicalizes it so
// desired and observed compare: `:latest` is added when there is no tag or digest.
import { controlCharIn } from './check-text.js';
import { fail, ok, type Parsed } from './parse-result.js';

const HINT = 'e.g. ubuntu:24.04, ghcr.io/org/app:1.2 or localhost:5000/app@sha256:…';

// name := [domain "/"] path-component ("/" path-component)*
const DOMAIN_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(`^(?:${DOMAIN_PART}(?:\\.${DOMAIN_PART})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const MAX_NAME = 255;

export function parseImage(value: string): Parsed<string> {
  const ref = value.trim();
  const bad = (why: string) => fail<string>(`${JSON.stringify(value)} is not an image reference: ${why}`, HINT);
  if (ref === '') return fail('the image reference is empty', HINT);
  const control = controlCharIn(ref);
  if (control !== null) return bad(`it contains ${control}`);
  if (/\s/.test(ref)) return bad('it contains white space');

  const at = ref.indexOf('@');
  const digest = at === -1 ? null : ref.slice(at + 1);
  const beforeDigest = at === -1 ? ref : ref.slice(0, at);
  if (digest !== null && !DIGEST.test(digest)) return bad(`"${digest}" is not a digest (algorithm:hex, e.g. sha256:…)`);
  // A ':' after the last '/' starts the tag; one before it belongs to a registry port (host:5000/repo).
  const lastSlash = beforeDigest.lastIndexOf('/');
  const colon = beforeDigest.indexOf(':', lastSlash + 1);
  const name = colon === -1 ? beforeDigest : beforeDigest.slice(0, colon);
  const tag = colon === -1 ? null : beforeDigest.slice(colon + 1);
  if (tag !== null && !TAG.test(tag)) return bad(`the tag "${tag}" must be letters, digits, _ . - (at most 128, not starting with . or -)`);

  const problem = nameProblem(name);
  if (problem !== null) return bad(problem);
  if (digest !== null) return ok(ref);
  return ok(tag === null ? `${ref}:latest` : ref);
}

/** Why `name` (the part before tag and digest) is not a repository name, or null when it is one. */
function nameProblem(name: string): string | null {
  if (name === '') return 'the repository name is missing';
  if (name.length > MAX_NAME) return `the repository name is longer than ${MAX_NAME} characters`;
  const parts = name.split('/');
  if (parts.some((part) => part === '.' || part === '..')) return 'it is a path (to build an image from a folder, use `build:`)';
  // As the docker CLI decides: the first part is a registry when it has a "." or ":", is localhost, or has capitals.
  const first = parts[0] ?? '';
  const hasDomain = parts.length > 1 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  if (hasDomain && !DOMAIN.test(first)) return `"${first}" is not a registry host[:port]`;
  const path = hasDomain ? parts.slice(1) : parts;
  for (const component of path) {
    if (component !== component.toLowerCase() && PATH_COMPONENT.test(component.toLowerCase())) return 'repository names must be lowercase';
    if (!PATH_COMPONENT.test(component)) {
      return `"${component}" is not a name component (lowercase letters and digits, separated by . _ __ or -)`;
    }
  }
  if (!hasDomain && /^[a-f0-9]{64}$/.test(name)) return 'a 64-character hexadecimal string is an image id, not a name (write sha256:<id>)';
  return null;
}
