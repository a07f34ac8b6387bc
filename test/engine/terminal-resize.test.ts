// A terminal window resized during `envctl exec` and `envctl attach` resizes the container's TTY, on the real engine
// through a real pseudo-terminal (support/pty-terminal.py): `stty size` in the container first answers the window's
// size at the start, then — after the window changes and the kernel sends envctl SIGWINCH — the new size.
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { waitFor } from '../support/wait-for.js';
import { cleanupProject } from './support/cleanup-project.js';
import { PtyTerminal } from './support/pty-terminal.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const BIN = resolve(import.meta.dirname, '../../bin/envctl.js');

/**
 * Asks the shell in `term` for its TTY's size (`stty size`, tagged so the typed command's echo never matches) until
 * it answers `rows cols`: a resize reaches the container a moment after SIGWINCH, so the question is asked again
 * rather than after a fixed pause. Fails naming what the shell answered.
 */
async function sizeBecomes(term: PtyTerminal, tag: string, rows: number, cols: number): Promise<void> {
  const answer = `${tag}:${rows} ${cols}:`;
  await waitFor(
    () => {
      if (term.output.includes(answer)) return true;
      term.type(`echo "${tag}:$(stty size):"\r`);
      return false;
    },
    { timeoutMs: 20_000, intervalMs: 250, what: () => `the container's TTY to be ${rows}x${cols} ("${answer}"); the terminal showed:\n${term.output}` },
  );
}

describe('a resized terminal reaches the container', () => {
  const project = uniqueProject('resize');
  const dir = new SpecDir();

  beforeAll(async () => {
    await requireEngine();
    dir.write(`version: 1
project: ${project}
defaults: { network_mode: none }
environments:
  shell: { image: ${TEST_IMAGE}, command: [sh], stdin_open: true, tty: true }
`);
    const applied = await dir.run('apply', '--yes');
    expect(applied.exitCode, applied.stderr).toBe(0);
  });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('exec: `stty size` answers the start size, then the new size after the window is resized', async () => {
    const term = new PtyTerminal(31, 97, ['node', BIN, '-f', dir.file, 'exec', 'shell']);
    onTestFinished(() => term.close());
    await term.expect(/# /, 'the shell prompt');
    await sizeBecomes(term, 'start', 31, 97);
    term.resize(52, 141);
    await sizeBecomes(term, 'resized', 52, 141);
    expect(term.output).not.toContain('resized:31 97:');
    term.type('exit 4\r');
    expect(await term.exitCode()).toBe(4);
  });

  it('attach: the container’s own shell follows the window too; Ctrl-P Ctrl-Q leaves it running', async () => {
    const term = new PtyTerminal(27, 88, ['node', BIN, '-f', dir.file, 'attach', 'shell']);
    onTestFinished(() => term.close());
    await term.expect(/attached to shell/, 'envctl saying it attached');
    await sizeBecomes(term, 'start', 27, 88);
    term.resize(44, 132);
    await sizeBecomes(term, 'resized', 44, 132);
    term.type('\x10\x11');
    expect(await term.exitCode()).toBe(0);
    expect(term.output).toContain('detached from shell; it keeps running');
    expect(await docker('inspect', '--format', '{{.State.Status}}', `${project}-shell`)).toBe('running');
  });
});
