// Canonical capability names as the engine stores them: "sys_ptrace" → "CAP_SYS_PTRACE"; "all" → "ALL". Only the
// capabilities Linux has: the engine refuses any other name at create.
import { controlCharIn } from './check-text.js';
import { suggest } from '../../base/suggest.js';
import { fail, ok, type Parsed } from './parse-result.js';

/** Linux's capabilities (capability.h, up to 6.x); engines older than 23.0 do not know the last three yet. */
const CAPABILITIES = new Set(
  [
    'CHOWN', 'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'LINUX_IMMUTABLE',
    'NET_BIND_SERVICE', 'NET_BROADCAST', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'IPC_OWNER', 'SYS_MODULE', 'SYS_RAWIO', 'SYS_CHROOT',
    'SYS_PTRACE', 'SYS_PACCT', 'SYS_ADMIN', 'SYS_BOOT', 'SYS_NICE', 'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'MKNOD', 'LEASE',
    'AUDIT_WRITE', 'AUDIT_CONTROL', 'SETFCAP', 'MAC_OVERRIDE', 'MAC_ADMIN', 'SYSLOG', 'WAKE_ALARM', 'BLOCK_SUSPEND', 'AUDIT_READ',
    'PERFMON', 'BPF', 'CHECKPOINT_RESTORE',
  ].map((c) => `CAP_${c}`),
);

export function parseCapability(text: string): Parsed<string> {
  const control = controlCharIn(text);
  if (control !== null) return fail(`capability ${JSON.stringify(text)} contains ${control}`, 'e.g. SYS_PTRACE or NET_ADMIN');
  const upper = text.trim().toUpperCase();
  if (upper === 'ALL') return ok('ALL');
  const name = upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
  if (CAPABILITIES.has(name)) return ok(name);
  return fail(`${JSON.stringify(text)} is not a Linux capability`, suggest(name, [...CAPABILITIES]) ?? 'e.g. SYS_PTRACE or NET_ADMIN (see `man 7 capabilities`)');
}
