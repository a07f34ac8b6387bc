// Ctrl-C, SIGTERM and a closed output for the whole CLI. A command that changes things (apply, destroy, save, load,
// snapshot) is "careful": the first signal asks it to stop cleanly through an AbortSignal, and it ends by itself with
// exit 130/143/141. Any other command ends at once with one sentence (silently when its output was closed: nobody
// reads it). A second signal always ends envctl at once.
import { describeInterruption, Interruption, type InterruptSignalName } from '../errors/interrupted.js';
import { EXIT_CODES } from '../errors/envctl-error.js';

export interface Interrupts {
  readonly signal: AbortSignal;
  /** From now on the running command stops by itself on a first signal. */
  careful(command: string): void;
  /** A Ctrl-C typed at a prompt (readline in raw mode reads it as a key, no signal is sent) counts as one. */
  raise(name: InterruptSignalName): void;
  /** A first Ctrl-C / SIGTERM calls `stop` instead of ending envctl (a followed log ends that way, quietly). */
  stopsBy(stop: (name: InterruptSignalName) => void): void;
}

const EXIT = { SIGINT: EXIT_CODES.interrupted, SIGTERM: EXIT_CODES.terminated, SIGPIPE: EXIT_CODES['output-closed'] };
const exitCode = (name: InterruptSignalName): number => EXIT[name];
const key = (name: InterruptSignalName): string => ({ SIGINT: 'Ctrl-C', SIGTERM: 'SIGTERM', SIGPIPE: 'a closed output' })[name];

export function watchInterrupts(command: () => string): Interrupts {
  const controller = new AbortController();
  let careful: string | null = null;
  let stopper: ((name: InterruptSignalName) => void) | null = null;

  const raise = (name: InterruptSignalName): void => {
    if (controller.signal.aborted) {
      process.stderr.write(
        `\nenvctl: ${key(name)} again: stopped at once; a lock or temporary container left behind is cleaned up by the next \`envctl apply\`\n`,
      );
      process.exit(exitCode(name));
    }
    if (stopper !== null && name !== 'SIGPIPE') {
      const stop = stopper;
      stopper = null;
      controller.abort(new Interruption(name));
      stop(name);
      return;
    }
    if (careful === null) {
      if (name !== 'SIGPIPE') process.stderr.write(`\nenvctl: ${describeInterruption(command(), name)}\n`);
      process.exit(exitCode(name));
    }
    controller.abort(new Interruption(name));
    const again = name === 'SIGPIPE' ? '' : ` (${key(name)} again stops at once)`;
    process.stderr.write(`\nenvctl: ${describeInterruption(careful, name)}: no new step starts; the steps in progress finish or are undone${again}\n`);
  };
  process.on('SIGINT', () => raise('SIGINT'));
  process.on('SIGTERM', () => raise('SIGTERM'));
  // Node ignores SIGPIPE and reports a write to a closed pipe as an EPIPE error on the stream: without a listener it
  // would end envctl with a stack trace, mid-apply, holding the lock. Later writes fail the same way: one is enough.
  const closed = (err: NodeJS.ErrnoException): void => {
    if (err.code !== 'EPIPE') return;
    const reason: unknown = controller.signal.reason;
    if (controller.signal.aborted && reason instanceof Interruption && reason.signal === 'SIGPIPE') return;
    raise('SIGPIPE');
  };
  process.stdout.on('error', closed);
  process.stderr.on('error', closed);

  return {
    signal: controller.signal,
    careful(name) {
      careful = name;
    },
    raise,
    stopsBy(stop) {
      stopper = stop;
    },
  };
}
