// envctl's own known_hosts file: one entry per environment under its HostKeyAlias, kept current by envctl (it reads
// the host key through the Docker API, a channel it already trusts, so there is no trust-on-first-use).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { readUnlessMissing } from '../../base/read-input-file.js';

/** `$XDG_CONFIG_HOME/envctl/known_hosts`, else `~/.config/envctl/known_hosts`. */
export function knownHostsPath(environ: NodeJS.ProcessEnv = process.env): string {
  const config = environ.XDG_CONFIG_HOME && environ.XDG_CONFIG_HOME.startsWith('/') ? environ.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(config, 'envctl', 'known_hosts');
}

/** "type base64" of a .pub line (the comment is dropped: known_hosts has no use for it). */
export function hostKeyOf(pubLine: string): string | null {
  const [type, body] = pubLine.trim().split(/\s+/);
  return type && body ? `${type} ${body}` : null;
}

/** The file with the alias's entry replaced (or added); other lines kept as they are. */
export function withHostKey(text: string, alias: string, key: string): string {
  const kept = text.split('\n').filter((line) => line.trim() !== '' && line.split(/\s+/)[0] !== alias);
  return `${[...kept, `${alias} ${key}`].join('\n')}\n`;
}

/** Writes the entry; true when the file changed. */
export function recordKnownHost(alias: string, key: string, path = knownHostsPath()): boolean {
  const text = readUnlessMissing(path);
  const next = withHostKey(text, alias, key);
  if (next === text) return false;
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, next, { mode: 0o600 });
  renameSync(tmp, path);
  return true;
}
