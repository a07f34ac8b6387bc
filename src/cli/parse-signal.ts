// `envctl kill -s SIGNAL`: a signal as `docker kill` takes it (HUP, SIGHUP, 1, hup, SIGRTMIN+3), checked here so a typo
// is a usage error naming it rather than an engine answer.
import { constants } from 'node:os';
import { EnvctlError } from '../errors/envctl-error.js';

const NAMES = new Set(Object.keys(constants.signals).map((name) => name.replace(/^SIG/, '')));
/** Linux's real-time signals, which Node does not list: RTMIN, RTMIN+N, RTMAX-N. */
const REAL_TIME = /^RT(MIN|MAX)([+-]\d{1,2})?$/;
const MAX_SIGNAL = 64;

/** The signal as the engine takes it ("HUP", "SIGRTMIN+3", "15"). */
export function parseSignal(text: string): string {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    const n = Number(trimmed);
    if (n >= 1 && n <= MAX_SIGNAL) return String(n);
  } else {
    const name = trimmed.toUpperCase().replace(/^SIG/, '');
    if (NAMES.has(name)) return name;
    if (REAL_TIME.test(name)) return `SIG${name}`;
  }
  throw new EnvctlError('usage', `-s ${text}: not a signal`, { hint: 'e.g. -s HUP (reload), -s TERM, -s KILL, -s USR1, or a number 1-64' });
}
