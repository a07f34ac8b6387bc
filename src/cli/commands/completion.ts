// `envctl completion bash|zsh|fish`: prints the shell's completion script, generated from the CLI's own command tree
// (commander has no completion of its own); `envctl __envs` lists the spec's environment names for those scripts.
import { loadDesired } from '../../app/run-plan.js';
import { specSource } from '../load-spec-for.js';
import type { Command } from 'commander';
import { bashCompletion } from '../completion/bash-completion.js';
import { readCommandTree } from '../completion/command-tree.js';
import { fishCompletion } from '../completion/fish-completion.js';
import { zshCompletion } from '../completion/zsh-completion.js';
import type { GlobalOptions } from '../output.js';

const RENDER = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion } as const;

export function runCompletionCommand(program: Command, shell: keyof typeof RENDER): number {
  process.stdout.write(RENDER[shell](readCommandTree(program)));
  return 0;
}

/** One name a line; nothing (and exit 0) when the spec cannot be loaded: a TAB press shows no error. */
export async function runListEnvsCommand(g: GlobalOptions): Promise<number> {
  try {
    // Quiet: a TAB press shows no warnings either.
    const desired = await loadDesired(specSource(g));
    for (const env of desired.environments) process.stdout.write(`${env.name}\n`);
  } catch {
    // An unreadable or invalid spec completes nothing.
  }
  return 0;
}
