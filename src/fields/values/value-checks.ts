// Checks of single spec values against the grammar the engine (or the kernel under it) applies, one function a kind.
import { checkKey, checkWhole, DOCKER_NAME, isDnsName, isHostAlias, withoutControlChars } from './check-text.js';
import type { DataPath } from '../../base/data-path.js';
import { fail, ok, type Parsed } from './parse-result.js';

/** Where a check reports: the problem of `parsed` at `path` (at the map key when `atKey`). */
export type ValueSink = <T>(path: DataPath, parsed: Parsed<T>, atKey?: boolean) => void;
export type ValueCheck = (value: unknown, path: DataPath, report: ValueSink) => void;

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string, or each string of a list, with its path. */
export function eachString(value: unknown, path: DataPath, fn: (text: string, at: DataPath) => void): void {
  if (typeof value === 'string') fn(value, path);
  else if (Array.isArray(value)) value.forEach((item, i) => typeof item === 'string' && fn(item, [...path, i]));
}

/** Each entry of a `{K: V}` map or `["K=V"]` list: its name, its value (null when none) and where to report. */
function eachEntry(value: unknown, path: DataPath, fn: (key: string, val: unknown, at: DataPath, atKey: boolean) => void): void {
  if (isObj(value)) {
    for (const [key, val] of Object.entries(value)) fn(key, val, [...path, key], true);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item !== 'string') return;
      const eq = item.indexOf('=');
      // An empty name ("=x") is already reported by normalize, which reads these lists.
      if (eq !== 0) fn(eq === -1 ? item : item.slice(0, eq), eq === -1 ? null : item.slice(eq + 1), [...path, i], false);
    });
  }
}

/** Program arguments (command, entrypoint, healthcheck test): anything but NUL, which no argument can hold. */
export const argumentWords =
  (what: string): ValueCheck =>
  (value, path, report) =>
    eachString(value, path, (text, at) => {
      if (text.includes('\0')) report(at, fail(`${what} contains a NUL byte, which no program argument can hold`, 'remove the \\0 escape'));
    });

/** Names of `{K: V}` / `["K=V"]` entries. Values may be secrets: a problem with one never quotes it. */
export const entryNames =
  (what: string, opts: { noNulInValues?: boolean } = {}): ValueCheck =>
  (value, path, report) =>
    eachEntry(value, path, (key, val, at, atKey) => {
      const name = checkKey(key, what);
      if (!name.ok) return report(at, name, atKey);
      if (opts.noNulInValues && typeof val === 'string' && val.includes('\0')) {
        report(at, fail(`the value of ${what} \`${key}\` contains a NUL byte, which the engine cannot pass on`, 'remove the \\0 escape'), atKey);
      }
    });

/** One word of printable characters (runtime names, signals, security options …). */
export const printableWord =
  (what: string, pattern: RegExp, hint: string): ValueCheck =>
  (value, path, report) =>
    eachString(value, path, (text, at) => {
      const clean = withoutControlChars(text, what);
      if (!clean.ok) return report(at, clean);
      if (!pattern.test(text)) report(at, fail(`${what} ${JSON.stringify(text)} is not valid`, hint));
    });

/** Free text shown to people only: anything printable, new lines and tabs included (no terminal escapes). */
export const printableText =
  (what: string): ValueCheck =>
  (value, path, report) =>
    eachString(value, path, (text, at) => report(at, withoutControlChars(text, what, '\n\t')));

const HOST_PART = /^[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?$/;

export const hostname: ValueCheck = (value, path, report) => {
  if (typeof value !== 'string') return;
  const clean = withoutControlChars(value, 'hostname');
  if (!clean.ok) return report(path, clean);
  // "_" as the engine and the kernel accept it (lab notes have `--hostname box_1`); dots, hyphens, at most 64 in all.
  if (!isDnsName(value, 64, HOST_PART)) {
    report(
      path,
      fail(
        `hostname "${value}" is not a host name`,
        'letters, digits, _ and inner hyphens, in dot-separated parts of at most 63 characters; at most 64 in all, the kernel’s limit',
      ),
    );
  }
};

/** `dns_search`: domain names as resolv.conf takes them ("." = no search domain, as with docker --dns-search .). */
export const searchDomains: ValueCheck = (value, path, report) =>
  eachString(value, path, (text, at) => {
    const clean = withoutControlChars(text, 'dns_search domain');
    if (!clean.ok) return report(at, clean);
    const name = text.endsWith('.') && text !== '.' ? text.slice(0, -1) : text;
    if (name !== '.' && !isHostAlias(name)) {
      report(at, fail(`dns_search "${text}" is not a domain name`, 'e.g. lab.example.com: letters, digits and hyphens in dot-separated parts'));
    }
  });

/** The runtime (runc) refuses larger ids when the container starts: "uids and gids must be in range 0-2147483647". */
const MAX_ID = 2147483647;
const USER_PART = /^[^:\s/]+$/;

/** `user` / `group_add` parts: a name, or an id the kernel can hold. */
function idOrName(text: string, what: string): Parsed<string> {
  if (!USER_PART.test(text)) return fail(`${what} "${text}" is not a name or a number`);
  if (/^[0-9]+$/.test(text)) {
    const id = checkWhole(Number(text), `${what} id`, 0, MAX_ID, 'the runtime’s largest id');
    if (!id.ok) return id;
  }
  return ok(text);
}

export const user: ValueCheck = (value, path, report) => {
  if (value === null || value === undefined) return;
  const text = String(value);
  const clean = withoutControlChars(text, 'user');
  if (!clean.ok) return report(path, clean);
  const parts = text.split(':');
  if (parts.length > 2) return report(path, fail(`user "${text}" is not user[:group]`, 'e.g. "1000:1000", "alice" or "alice:staff"'));
  for (const part of parts) {
    const checked = idOrName(part, 'user');
    if (!checked.ok) return report(path, { ...checked, hint: 'e.g. "1000:1000", "alice" or "alice:staff"' });
  }
};

export const groups: ValueCheck = (value, path, report) => {
  if (!Array.isArray(value)) return;
  value.forEach((item, i) => {
    if (typeof item !== 'string' && typeof item !== 'number') return;
    const clean = withoutControlChars(String(item), 'group');
    report([...path, i], clean.ok ? idOrName(String(item), 'group') : clean);
  });
};

const NETWORK_MODES = ['bridge', 'host', 'none', 'default'];

export const networkMode: ValueCheck = (value, path, report) => {
  if (typeof value !== 'string') return;
  const clean = withoutControlChars(value, 'network_mode');
  if (!clean.ok) return report(path, clean);
  const name = value.startsWith('container:') ? value.slice('container:'.length) : value;
  if (!NETWORK_MODES.includes(value) && !DOCKER_NAME.test(name)) {
    report(path, fail(`network_mode "${value}" is not a network mode`, 'bridge, host, none, container:<name>, or a network name: letters, digits, _ . -'));
  }
};

/** Kernel parameters: a dotted (or slashed) name, and a value on one line. */
export const sysctls: ValueCheck = (value, path, report) =>
  eachEntry(value, path, (key, val, at, atKey) => {
    const name = checkKey(key, 'sysctl name');
    if (!name.ok) return report(at, name, atKey);
    if (typeof val === 'string' || typeof val === 'number') report(at, withoutControlChars(String(val), `the value of sysctl \`${key}\``, '\t'), atKey);
  });
