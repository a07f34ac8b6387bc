// The lock settings apply and destroy share on the command line: --lock-timeout, and what is printed while waiting.
import { EnvctlError } from '../errors/envctl-error.js';
import { DEFAULT_LOCK_TIMEOUT_MS, describeHolder, type LockOptions } from '../apply/lock/project-lock.js';

/** A duration flag (--lock-timeout, --wait-timeout): "90" and "90s" are seconds; "5m" minutes; "0" means do not wait. */
export function parseDurationFlag(flag: string, text: string | undefined, fallbackMs: number): number {
  if (text === undefined) return fallbackMs;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (!m) {
    throw new EnvctlError('usage', `${flag} "${text}" is not a duration`, { hint: 'use e.g. 30s, 5m or 0' });
  }
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return Math.round(unit === 'ms' ? n : unit === 'm' ? n * 60_000 : n * 1000);
}

export function cliLockOptions(command: string, timeout: string | undefined): LockOptions {
  return {
    command,
    timeoutMs: parseDurationFlag('--lock-timeout', timeout, DEFAULT_LOCK_TIMEOUT_MS),
    // stderr: waiting is news for the person, not part of the (possibly --json) output.
    onWait: (holder, name) =>
      process.stderr.write(`envctl: waiting for the lock ${name}: held by ${describeHolder(holder)}\n`),
    onStale: (holder) =>
      process.stderr.write(`envctl: removed a stale lock left by ${describeHolder(holder)} (that process is gone)\n`),
  };
}
