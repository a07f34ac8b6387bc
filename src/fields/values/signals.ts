// The signals the engine knows by name (moby's Linux signal map): what `stop_signal` may be.
import { withoutControlChars } from './check-text.js';
import { fail } from './parse-result.js';
import type { ValueCheck } from './value-checks.js';

/** The signal names the engine knows (moby's Linux signal map), without "SIG"; numbers 1-64 are signals too. */
const SIGNALS = new Set([
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF', 'PWR',
  'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1', 'USR2', 'VTALRM', 'WINCH',
  'XCPU', 'XFSZ', 'RTMIN', 'RTMAX',
  ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `RTMAX-${i + 1}`),
]);

export const stopSignal: ValueCheck = (value, path, report) => {
  if (typeof value !== 'string' && typeof value !== 'number') return;
  const clean = withoutControlChars(String(value), 'stop_signal');
  if (!clean.ok) return report(path, clean);
  const text = String(value).trim();
  const name = text.toUpperCase().replace(/^SIG/, '');
  const number = /^[0-9]+$/.test(text) ? Number(text) : null;
  if (number !== null ? number >= 1 && number <= 64 : SIGNALS.has(name)) return;
  report(path, fail(`stop_signal "${text}" is not a signal the engine knows`, 'a name such as SIGINT, SIGTERM, SIGUSR1, SIGRTMIN+3, or a number from 1 to 64'));
};
