// Ctrl-C and SIGTERM for the whole CLI. A command that changes things (apply, destroy, save, load, snapshot) is
// "careful": the first signal asks it to stop cleanly through an AbortSignal, and it ends by itself with exit 130/143.
// Any other command ends at once with one sentence. A second signal always ends envctl at once.
import { describeInterruption, Interruption, type InterruptSignalName } from '../errors/interrupted.js';
import { EXIT_CODES } from '../errors/envctl-error.js';

export interface Interrupts {
  readonly signal: AbortSignal;
  /** From now on the running command stops by itself on a first signal. */
  careful(command: string): void;
  /** A Ctrl-C typed at a prompt (readline in raw mode reads it as a key, no signal is sent) counts as one. */
  raise(name: InterruptSignalName): void;
}

const exitCode = (name: InterruptSignalName): number => (name === 'SIGINT' ? EXIT_CODES.interrupted : EXIT_CODES.terminated);
const key = (name: InterruptSignalName): string => (name === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM');

export function watchInterrupts(command: () => string): Interrupts {
  const controller = new AbortController();
  let careful: string | null = null;

  const raise = (name: InterruptSignalName): void => {
    if (controller.signal.aborted) {
      process.stderr.write(
        `\nenvctl: ${key(name)} again: stopped at once; a lock or temporary container left behind is cleaned up by the next \`envctl apply\`\n`,
      );
      process.exit(exitCode(name));
    }
    if (careful === null) {
      process.stderr.write(`\nenvctl: ${describeInterruption(command(), name)}\n`);
      process.exit(exitCode(name));
    }
    controller.abort(new Interruption(name));
    process.stderr.write(
      `\nenvctl: ${describeInterruption(careful, name)}: no new step starts; the steps in progress finish or are undone (${key(name)} again stops at once)\n`,
    );
  };
  process.on('SIGINT', () => raise('SIGINT'));
  process.on('SIGTERM', () => raise('SIGTERM'));

  return {
    signal: controller.signal,
    careful(name) {
      careful = name;
    },
    raise,
  };
}
