// `envctl policy show`: the shared server's policy in force (kept out of main.ts, which only wires commands).
import type { Command } from 'commander';
import type { CommandHooks } from './register-data-safety-commands.js';

export const ALLOW_DANGEROUS_HELP = 'allow settings that give a container the host (privileged, docker socket, host paths, …) for this run';

export function registerPolicyCommand(program: Command, hooks: CommandHooks): void {
  program
    .command('policy')
    .description("the shared server's policy: `policy show` prints the rules in force (admin file, narrowed by the user's)")
    .command('show')
    .description('print the effective policy: each rule with the file:line it comes from, and what is refused by default')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { json: boolean }) => {
      hooks.setJson(opts.json);
      hooks.globals();
      hooks.setExitCode(await (await import('./commands/policy-show.js')).runPolicyShowCommand(opts));
    });
}
