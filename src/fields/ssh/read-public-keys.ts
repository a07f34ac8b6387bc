// Public keys for authorized_keys: key lines written in the spec, .pub files, or the user's ~/.ssh/*.pub.
import { readdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { readInputFile } from '../../base/read-input-file.js';

/** "type base64 [comment]" with a key type OpenSSH knows (options in front are not accepted: envctl writes them). */
const KEY_LINE = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)\s+[A-Za-z0-9+/]+={0,3}(\s+.*)?$/;

export function isPublicKeyLine(text: string): boolean {
  return KEY_LINE.test(text.trim());
}

/** One line, single spaces: the form compared and stored, so the same key always reads the same. */
export function canonicalKeyLine(text: string): string {
  return text.trim().split(/\s+/).join(' ');
}

/** Key lines of a .pub or authorized_keys file; blank lines and # comments skipped, anything else reported. */
export function parseKeyFile(text: string): { keys: string[]; bad: number[] } {
  const keys: string[] = [];
  const bad: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    if (isPublicKeyLine(t)) keys.push(canonicalKeyLine(t));
    else bad.push(i + 1);
  });
  return { keys, bad };
}

/** `~/x`, `./x`, `x` (relative to the spec's folder) or an absolute path. */
export function resolveKeyPath(path: string, specDir: string, homeDir: string): string {
  if (path === '~') return homeDir;
  if (path.startsWith('~/')) return join(homeDir, path.slice(2));
  return isAbsolute(path) ? path : resolve(specDir, path);
}

/** The user's ~/.ssh/*.pub files, sorted; [] when there is no ~/.ssh. */
export function defaultPublicKeyFiles(homeDir: string, listDir: (dir: string) => string[] = readdirSync): string[] {
  const dir = join(homeDir, '.ssh');
  try {
    return listDir(dir)
      .filter((f) => f.endsWith('.pub'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export function readTextOrNull(path: string): string | null {
  try {
    return readInputFile(path);
  } catch {
    return null;
  }
}

/** Adapts a throwing file reader (the normalizer's, injectable in tests) to one that answers null. */
export function sshReadText(read: (absPath: string) => string): (absPath: string) => string | null {
  return (absPath) => {
    try {
      return read(absPath);
    } catch {
      return null;
    }
  };
}
