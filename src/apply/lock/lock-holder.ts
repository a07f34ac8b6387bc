// Who holds a project's lock (read from its labels), and whether that holder is still running: only a holder on THIS
// machine can be checked, by its pid and the start time of that pid, so a pid reused by another process is not taken
// for the apply that took the lock.
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import type { LockRecord } from '../../engine/engine.js';
import { LABEL_PREFIX } from '../../base/label-prefix.js';

const LABEL_USER = `${LABEL_PREFIX}lock.user`;
const LABEL_HOST = `${LABEL_PREFIX}lock.host`;
const LABEL_PID = `${LABEL_PREFIX}lock.pid`;
/** The holder's start time in clock ticks since boot (field 22 of /proc/<pid>/stat); absent off Linux. */
const LABEL_PID_START = `${LABEL_PREFIX}lock.pid-start`;
const LABEL_SINCE = `${LABEL_PREFIX}lock.since`;
const LABEL_COMMAND = `${LABEL_PREFIX}lock.command`;

export interface LockHolder {
  user: string;
  host: string;
  pid: number;
  /** When that process started, as /proc says; null when unknown (not Linux, or a lock from an older envctl). */
  pidStart: string | null;
  /** ISO time the lock was taken. */
  since: string;
  /** 'apply' or 'destroy'. */
  command: string;
}

/**
 * alive: the process that took the lock still runs on this machine. dead: it does not (killed, crashed, or its pid
 * now belongs to another process). elsewhere: it ran on another machine (or left no pid), which cannot be checked.
 */
export type HolderState = 'alive' | 'dead' | 'elsewhere';

export function describeHolder(h: LockHolder): string {
  return `${h.user}@${h.host} (pid ${h.pid}, envctl ${h.command}) since ${h.since}`;
}

export function readHolder(record: LockRecord): LockHolder {
  const l = record.labels;
  return {
    user: l[LABEL_USER] ?? '?',
    host: l[LABEL_HOST] ?? '?',
    pid: Number(l[LABEL_PID] ?? 0),
    pidStart: l[LABEL_PID_START] ?? null,
    since: l[LABEL_SINCE] ?? '?',
    command: l[LABEL_COMMAND] ?? '?',
  };
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** The labels that say who takes the lock now: this process. */
export function holderLabels(command: string, now: Date): Record<string, string> {
  const start = processStart(process.pid);
  return {
    [LABEL_USER]: currentUser(),
    [LABEL_HOST]: hostname(),
    [LABEL_PID]: String(process.pid),
    ...(start === null ? {} : { [LABEL_PID_START]: start }),
    [LABEL_SINCE]: now.toISOString(),
    [LABEL_COMMAND]: command,
  };
}

/** Field 22 (starttime) of /proc/<pid>/stat; null without /proc or without that process. */
function processStart(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces or parentheses itself: count after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null;
}

/** A lock from an envctl that did not record the start time: the pid must at least still run envctl. */
function runsEnvctl(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').some((arg) => /envctl/.test(arg));
  } catch {
    return false;
  }
}

export function holderState(h: LockHolder): HolderState {
  if (h.host !== hostname() || !Number.isInteger(h.pid) || h.pid <= 0) return 'elsewhere';
  try {
    process.kill(h.pid, 0);
  } catch (err) {
    // EPERM: the pid exists but belongs to another user; it is checked like any other below.
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return 'dead';
  }
  // Without /proc (macOS), or with a /proc that hides other users' processes, a running pid is all there is to go by.
  const start = processStart(h.pid);
  if (start === null) return 'alive';
  if (h.pidStart !== null) return start === h.pidStart ? 'alive' : 'dead';
  return runsEnvctl(h.pid) ? 'alive' : 'dead';
}

/** "3m 12s" since the lock was taken; null when `since` is not a time. */
export function heldFor(h: LockHolder, now: Date): string | null {
  const ms = now.getTime() - Date.parse(h.since);
  if (!Number.isFinite(ms)) return null;
  const s = Math.max(0, Math.round(ms / 1000));
  const parts: string[] = [];
  const d = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) parts.push(`${d}d`);
  if (hours > 0) parts.push(`${hours}h`);
  if (m > 0 && d === 0) parts.push(`${m}m`);
  if (d === 0 && hours === 0) parts.push(`${s % 60}s`);
  return parts.join(' ');
}
