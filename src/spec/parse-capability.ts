// Canonical capability names as the engine stores them: "sys_ptrace" → "CAP_SYS_PTRACE"; "all" → "ALL".
import { fail, ok, type Parsed } from './parse-result.js';

export function parseCapability(text: string): Parsed<string> {
  const upper = text.trim().toUpperCase();
  if (upper === 'ALL') return ok('ALL');
  const name = upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
  return /^CAP_[A-Z0-9_]+$/.test(name) ? ok(name) : fail(`"${text}" is not a capability name`, 'e.g. SYS_PTRACE or NET_ADMIN');
}
