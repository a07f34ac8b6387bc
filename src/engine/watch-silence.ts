// A timer for one engine request that fires when nothing has moved (no byte up or down) for a while; for calls an
// engine may legitimately be quiet in (a build step, a commit) it first asks whether the engine still answers at all.
import { EngineFault } from './engine-fault.js';

export interface SilenceLimits {
  /** How long the request may go without progress. */
  ms: number;
  /** How long it may wait for the first progress, when that differs (a stop: its grace period on top). */
  firstMs?: number;
  /** Silence is forgiven while this resolves (a ping through the guarded client): the engine is working. */
  alive?: () => Promise<void>;
  /** Longest the whole request may take even while the engine keeps answering; absent = no bound. */
  capMs?: number;
}

export interface SilenceWatch {
  /** Something moved: start the silence over. */
  progress(): void;
  /** From now on the answer is arriving: a silence is a stream that stopped, not a missing answer. */
  answering(): void;
  stop(): void;
}

/** What a request gets when envctl waits forever (--engine-timeout 0). */
const NO_WATCH: SilenceWatch = { progress() {}, answering() {}, stop() {} };

export function watchSilence(limits: SilenceLimits, onFault: (fault: EngineFault) => void): SilenceWatch {
  if (limits.ms <= 0) return NO_WATCH;
  let stopped = false;
  let checking = false;
  let midAnswer = false;
  let current = limits.firstMs ?? limits.ms;
  const fail = (fault: EngineFault): void => {
    if (stopped) return;
    watch.stop();
    onFault(fault);
  };
  const expire = (): void => {
    if (stopped || checking) return;
    const silent = new EngineFault('silent', limits.ms, midAnswer);
    if (!limits.alive) return fail(silent);
    checking = true;
    limits.alive().then(
      () => {
        checking = false;
        if (!stopped) timer.refresh();
      },
      () => {
        checking = false;
        fail(silent);
      },
    );
  };
  let timer = setTimeout(expire, current);
  const cap = limits.capMs === undefined ? undefined : setTimeout(() => fail(new EngineFault('too-long', limits.capMs)), limits.capMs);
  const watch: SilenceWatch = {
    progress() {
      if (stopped) return;
      if (current !== limits.ms) {
        // The first progress ends the longer first wait: from now on the plain limit applies.
        clearTimeout(timer);
        current = limits.ms;
        timer = setTimeout(expire, current);
      } else timer.refresh();
    },
    answering() {
      midAnswer = true;
      watch.progress();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      if (cap !== undefined) clearTimeout(cap);
    },
  };
  return watch;
}
