// `ssh:` in the spec → SshConfig: `true` means "my ~/.ssh/*.pub keys", an object sets port, user, keys, host_ip, install,
// identity_file.
import { parseIpAddress } from '../values/check-text.js';
import type { SshConfig } from './ssh-settings.js';
import { canonicalKeyLine, defaultPublicKeyFiles, isPublicKeyLine, parseKeyFile, readTextOrNull, resolveKeyPath } from './read-public-keys.js';

export interface SshProblem {
  /** Relative to the `ssh` value's own path. */
  path: (string | number)[];
  message: string;
  hint?: string;
}

export interface NormalizeSshContext {
  specDir: string;
  homeDir: string;
  /** Where ports without an IP are published (defaults.ports_host_ip, else 0.0.0.0). */
  defaultHostIp: string;
  readText?: (absPath: string) => string | null;
  listDir?: (absPath: string) => string[];
}

const USER = /^[a-z_][a-z0-9_.-]*\$?$/i;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function normalizeSsh(value: unknown, ctx: NormalizeSshContext): { config: SshConfig | null; problems: SshProblem[] } {
  const problems: SshProblem[] = [];
  if (value === undefined || value === null || value === false) return { config: null, problems };
  const obj = isObj(value) ? value : {};
  const read = ctx.readText ?? readTextOrNull;

  const keys: string[] = [];
  const identityFiles: string[] = [];
  const identityFile = obj.identity_file === undefined ? null : resolveKeyPath(String(obj.identity_file).trim(), ctx.specDir, ctx.homeDir);
  if (identityFile !== null) identityFiles.push(identityFile);
  const written = obj.authorized_keys;
  if (written === undefined) {
    const files = defaultPublicKeyFiles(ctx.homeDir, ctx.listDir);
    for (const file of files) keys.push(...parseKeyFile(read(file) ?? '').keys);
    if (keys.length === 0) {
      problems.push({
        path: [],
        message: `ssh: no public key found in ${ctx.homeDir}/.ssh/*.pub`,
        hint: 'create one with `ssh-keygen -t ed25519`, or list keys under `ssh.authorized_keys`',
      });
    }
  } else {
    const entries = typeof written === 'string' ? [{ text: written, path: ['authorized_keys'] }] : Array.isArray(written) ? written.map((text, i) => ({ text: String(text), path: ['authorized_keys', i] })) : [];
    for (const entry of entries) {
      if (isPublicKeyLine(entry.text)) {
        keys.push(canonicalKeyLine(entry.text));
        continue;
      }
      const abs = resolveKeyPath(entry.text.trim(), ctx.specDir, ctx.homeDir);
      const text = read(abs);
      if (text === null) {
        // A pasted private key (or anything that is no path) is not quoted back.
        const message = looksLikePath(entry.text) ? `ssh: cannot read the public key file "${entry.text}" (looked at ${abs})` : 'ssh: this entry is neither a public key line nor a readable .pub file';
        problems.push({ path: entry.path, message, hint: 'give a .pub file or a key line "ssh-ed25519 AAAA…"' });
        continue;
      }
      const parsed = parseKeyFile(text);
      if (parsed.bad.length > 0 || parsed.keys.length === 0) {
        // Never quote the content: a private key given by mistake must not reach the terminal.
        problems.push({
          path: entry.path,
          message: `ssh: "${entry.text}" is not a public key file${parsed.bad.length > 0 ? ` (line ${parsed.bad[0]} is not a key line)` : ' (no key in it)'}`,
          hint: 'name the .pub file (the public half), never the private key',
        });
        continue;
      }
      keys.push(...parsed.keys);
      if (abs.endsWith('.pub')) identityFiles.push(abs.slice(0, -'.pub'.length));
    }
    if (entries.length === 0 && problems.length === 0) problems.push({ path: ['authorized_keys'], message: 'ssh: `authorized_keys` is empty, so nobody could log in', hint: 'list a .pub file or a key line' });
  }

  const user = obj.user === undefined ? 'root' : String(obj.user);
  if (!USER.test(user)) problems.push({ path: ['user'], message: `ssh: "${user}" is not a user name` });

  let hostIp = ctx.defaultHostIp;
  if (obj.host_ip !== undefined) {
    const raw = String(obj.host_ip);
    const ip = parseIpAddress(raw);
    if (!ip.ok) problems.push({ path: ['host_ip'], message: `ssh: host_ip "${raw}" is not an IP address`, hint: 'e.g. 127.0.0.1 to accept connections from this machine only' });
    else hostIp = ip.value;
  }

  const config: SshConfig = {
    user,
    port: typeof obj.port === 'number' ? obj.port : null,
    hostIp,
    install: obj.install === 'never' ? 'never' : 'auto',
    authorizedKeys: [...new Set(keys)].sort(),
    ...(identityFiles.length > 0 ? { identityFiles: [...new Set(identityFiles)] } : {}),
    ...(identityFile === null ? {} : { identityFile }),
  };
  return { config, problems };
}

/** A path is one short line; a key pasted by mistake (private or mangled) is not. */
function looksLikePath(text: string): boolean {
  return text.length <= 4096 && !/[\n\r]/.test(text) && !/PRIVATE KEY|^-----/.test(text);
}
