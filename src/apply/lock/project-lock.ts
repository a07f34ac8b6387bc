// The engine-side lock per project: a created (never started) container named after the project. The engine reserves
// container names atomically, so this works between machines that share one engine, where a lock file could not.
import type { Engine, LockRecord } from '../../engine/engine.js';
import { LABEL_LOCK_FOR, LABEL_PROJECT, LABEL_ROLE } from '../../engine/labels.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import { throwIfInterrupted } from '../../errors/interrupted.js';
import { describeHolder, holderLabels, holderState, readHolder, type LockHolder } from './lock-holder.js';

export { describeHolder, type LockHolder } from './lock-holder.js';

export const DEFAULT_LOCK_TIMEOUT_MS = 60_000;
const POLL_MS = 500;

export interface LockOptions {
  /** How long to wait for another holder before giving up; 0 = do not wait. */
  timeoutMs: number;
  /** Told once per holder while waiting, so a person knows why nothing happens. */
  onWait?: (holder: LockHolder, lockName: string) => void;
  /** Told when a lock left by a dead process on this machine is taken over. */
  onStale?: (holder: LockHolder) => void;
  command: string;
  /** Ctrl-C / SIGTERM: stop waiting (nothing was taken then). */
  signal?: AbortSignal;
}

export interface HeldLock {
  release(): Promise<void>;
}

export function lockName(project: string): string {
  return `envctl-lock-${project}`;
}

/**
 * Removes the lock when the process that took it is gone from this machine (killed with SIGKILL, say); returns
 * whether it did. A lock held by a live process, or from another machine, stays.
 */
export async function clearDeadLock(engine: Engine, record: LockRecord, onStale?: (holder: LockHolder) => void): Promise<boolean> {
  const holder = readHolder(record);
  if (holderState(holder) !== 'dead') return false;
  onStale?.(holder);
  await engine.removeLock(record.id);
  return true;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

function gaveUp(project: string, holder: LockHolder, timeoutMs: number): EnvctlError {
  const alive = holderState(holder) === 'alive';
  return new EnvctlError(
    'locked',
    `project "${project}" is locked by ${describeHolder(holder)}; gave up after ${Math.round(timeoutMs / 1000)}s`,
    {
      hint: alive
        ? 'that apply is still running on this machine: wait and try again (or raise --lock-timeout)'
        : 'wait and try again (or raise --lock-timeout); if that apply is gone for good, run `envctl unlock --force`',
    },
  );
}

/**
 * Takes the project's lock, waiting up to `timeoutMs` while someone else holds it. A lock whose holder process is
 * dead on this machine (an apply killed with SIGKILL) is taken over at once; one held from another machine can only
 * be cleared by a person, with `envctl unlock --force`.
 */
export async function acquireProjectLock(engine: Engine, project: string, options: LockOptions): Promise<HeldLock> {
  const name = lockName(project);
  // The project label lets the one list call of a no-op apply see the lock too (the role keeps it apart from environments).
  const labels = { [LABEL_ROLE]: 'lock', [LABEL_LOCK_FOR]: project, [LABEL_PROJECT]: project, ...holderLabels(options.command, new Date()) };
  const deadline = Date.now() + options.timeoutMs;
  let toldAbout: string | null = null;
  for (;;) {
    throwIfInterrupted(options.signal, options.command, 'it was waiting for the lock; nothing was changed');
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
    if (await clearDeadLock(engine, record, options.onStale)) continue;
    const holder = readHolder(record);
    if (Date.now() >= deadline) throw gaveUp(project, holder, options.timeoutMs);
    if (toldAbout !== record.id) {
      toldAbout = record.id;
      options.onWait?.(holder, name);
    }
    await sleep(Math.min(POLL_MS, Math.max(0, deadline - Date.now())), options.signal);
  }
}
