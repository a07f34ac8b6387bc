// The small grammars the engine's own parsers apply to names, paths and numbers, as Parsed checks for spec values.
import { isIP } from 'node:net';
import { fail, ok, type Parsed } from './parse-result.js';

/** The largest whole number envctl carries exactly (2^53 - 1); the engine's int64 fields hold more, JSON numbers not. */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

const CONTROL_NAMES: Record<string, string> = { '\n': 'a newline', '\r': 'a carriage return', '\t': 'a tab', '\0': 'a NUL byte' };

/** "a newline", "a tab", "U+001B" for the first control character (C0, DEL, C1) in `text`, or null when there is none. */
export function controlCharIn(text: string, allowed = ''): string | null {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code < 0x20 || (code >= 0x7f && code <= 0x9f)) && !allowed.includes(ch)) {
      return CONTROL_NAMES[ch] ?? `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    }
  }
  return null;
}

/** `what` names the value in the message ("hostname", "label key"); the value itself is quoted with escapes shown. */
export function withoutControlChars(text: string, what: string, allowed = ''): Parsed<string> {
  const found = controlCharIn(text, allowed);
  return found === null ? ok(text) : fail(`${what} ${JSON.stringify(text)} contains ${found}`, 'write it on one line, without control characters');
}

/** Docker's rule for container, volume, network and runtime names. */
export const DOCKER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

const LABEL = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** A DNS name of RFC 1123 labels (letters, digits, inner hyphens; 1-63 characters each), at most `maxLength` long. */
export function isDnsName(text: string, maxLength: number, label = LABEL): boolean {
  return text.length > 0 && text.length <= maxLength && text.split('.').every((part) => label.test(part));
}

/** A name in /etc/hosts (extra_hosts): a DNS name whose parts may also hold "_", as Compose files use. */
export function isHostAlias(text: string): boolean {
  return isDnsName(text, 253, /^[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?$/);
}

/** A key of a map or `["KEY=value"]` list the engine stores as `KEY=value`: no "=", no white space, no control char. */
export function checkKey(key: string, what: string): Parsed<string> {
  if (key === '') return fail(`${what} cannot be empty`);
  const control = controlCharIn(key);
  if (control !== null) return fail(`${what} ${JSON.stringify(key)} contains ${control}`, 'a name is one word of printable characters');
  if (/\s/.test(key)) return fail(`${what} ${JSON.stringify(key)} contains white space`, 'a name is one word, without spaces');
  if (key.includes('=')) return fail(`${what} ${JSON.stringify(key)} contains "="`, 'the engine stores KEY=value: the name ends at the first "="');
  return ok(key);
}

/** An absolute path inside the container, as the engine keeps it: cleaned like Go's path.Clean ("/work/" → "/work"). */
export function checkContainerPath(text: string, what: string): Parsed<string> {
  const control = controlCharIn(text);
  if (control !== null) return fail(`${what} ${JSON.stringify(text)} contains ${control}`);
  if (!text.startsWith('/')) return fail(`${what} "${text}" must be an absolute path inside the container`);
  return ok(cleanPath(text));
}

/** Go's path.Clean for absolute paths: no empty, "." or ".." segments, no trailing slash. */
function cleanPath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

/** An IPv4 or IPv6 address as Go's net.ParseIP reads it: no zone ("%eth0"), brackets around IPv6 allowed. */
export function parseIpAddress(text: string): Parsed<string> {
  const ip = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return isIP(ip) !== 0 && !ip.includes('%') ? ok(ip) : fail(`${JSON.stringify(text)} is not an IP address`);
}

/** A whole number within [min, max]; `limit` says whose limit max is ("the kernel's", …). */
export function checkWhole(value: number, what: string, min: number, max: number, limit: string): Parsed<number> {
  if (!Number.isInteger(value)) return fail(`${what} must be a whole number, found ${value}`);
  if (value < min) return fail(`${what} must be at least ${min}, found ${value}`);
  if (value > max) return fail(`${what} must be at most ${max} (${limit}), found ${value}`);
  return ok(value);
}
