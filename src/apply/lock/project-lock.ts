// The engine-side lock per project: a created (never started) container named after the project. The engine reserves
// container names atomically, so this works between machines that share one engine, where a lock file could not.
import { hostname, userInfo } from 'node:os';
import type { Engine, LockRecord } from '../../engine/engine.js';
import { LABEL_LOCK_FOR, LABEL_ROLE } from '../../engine/labels.js';
import { EnvctlError } from '../../errors/envctl-error.js';

const LABEL_USER = 'dev.envctl.lock.user';
const LABEL_HOST = 'dev.envctl.lock.host';
const LABEL_PID = 'dev.envctl.lock.pid';
const LABEL_SINCE = 'dev.envctl.lock.since';
const LABEL_COMMAND = 'dev.envctl.lock.command';

export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
const POLL_MS = 500;

export interface LockHolder {
  user: string;
  host: string;
  pid: number;
  /** ISO time the lock was taken. */
  since: string;
  /** 'apply' or 'destroy'. */
  command: string;
}

export interface LockOptions {
  /** How long to wait for another holder before giving up; 0 = do not wait. */
  timeoutMs: number;
  /** Told once per holder while waiting, so a person knows why nothing happens. */
  onWait?: (holder: LockHolder, lockName: string) => void;
  /** Told when a lock left by a dead process on this machine is taken over. */
  onStale?: (holder: LockHolder) => void;
  command: string;
}

export interface HeldLock {
  release(): Promise<void>;
}

export function lockName(project: string): string {
  return `envctl-lock-${project}`;
}

export function describeHolder(h: LockHolder): string {
  return `${h.user}@${h.host} (pid ${h.pid}, envctl ${h.command}) since ${h.since}`;
}

export function readHolder(record: LockRecord): LockHolder {
  const l = record.labels;
  return {
    user: l[LABEL_USER] ?? '?',
    host: l[LABEL_HOST] ?? '?',
    pid: Number(l[LABEL_PID] ?? 0),
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

/** Only a holder on THIS machine can be checked; a pid that no longer exists there means the lock is stale. */
function isDeadHereHolder(h: LockHolder): boolean {
  if (h.host !== hostname() || !Number.isInteger(h.pid) || h.pid <= 0) return false;
  if (h.pid === process.pid) return false;
  try {
    process.kill(h.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the project's lock, waiting up to `timeoutMs` while someone else holds it. A lock whose holder process is
 * dead on this machine (an apply killed with SIGKILL) is taken over at once; one held from another machine can only
 * be cleared by a person, with `envctl unlock`.
 */
export async function acquireProjectLock(engine: Engine, project: string, options: LockOptions): Promise<HeldLock> {
  const name = lockName(project);
  const labels = {
    [LABEL_ROLE]: 'lock',
    [LABEL_LOCK_FOR]: project,
    [LABEL_USER]: currentUser(),
    [LABEL_HOST]: hostname(),
    [LABEL_PID]: String(process.pid),
    [LABEL_SINCE]: new Date().toISOString(),
    [LABEL_COMMAND]: options.command,
  };
  const deadline = Date.now() + options.timeoutMs;
  let toldAbout: string | null = null;
  for (;;) {
    if (await engine.createLock(name, labels)) {
      const mine = await engine.readLock(name);
      return {
        async release() {
          if (mine !== null) await engine.removeLock(mine.id);
        },
      };
    }
    const record = await engine.readLock(name);
    if (record === null) continue; // released between our create and our read: try again at once
    const holder = readHolder(record);
    if (isDeadHereHolder(holder)) {
      options.onStale?.(holder);
      await engine.removeLock(record.id);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new EnvctlError(
        'locked',
        `project "${project}" is locked by ${describeHolder(holder)}; gave up after ${Math.round(options.timeoutMs / 1000)}s`,
        { hint: 'wait and try again (or raise --lock-timeout); if that process is gone for good, run `envctl unlock`' },
      );
    }
    if (toldAbout !== record.id) {
      toldAbout = record.id;
      options.onWait?.(holder, name);
    }
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())));
  }
}
