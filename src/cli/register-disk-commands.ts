// Registers the housekeeping verbs (df, prune, init, completion) on the CLI; each loads its module lazily, like the
// core verbs in main.ts, so `envctl plan` never pays for them.
import { Argument, type Command } from 'commander';
import { LOCK_TIMEOUT_HELP, type CommandHooks } from './register-data-safety-commands.js';

export function registerDiskCommands(program: Command, hooks: CommandHooks): void {
  program
    .command('df')
    .description("the project's disk use per environment: image, own layer, volumes, snapshots, built images; totals")
    .option('--project <name>', 'this project, without reading a spec file (the default engine)')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { project?: string; json: boolean }) => {
      hooks.setJson(opts.json);
      hooks.setExitCode(await (await import('./commands/df.js')).runDfCommand(hooks.globals(), opts));
    });

  program
    .command('prune')
    .description('remove what envctl made for the project and no longer needs: images left by rebuilds, stopped orphans, old snapshots (--keep/--older-than); lists first and asks')
    .option('--keep <n>', 'keep the N newest snapshots of each environment (snapshots are only pruned with --keep and/or --older-than)')
    .option('--older-than <age>', 'prune snapshots taken longer ago than this: 30m, 12h, 7d, 2w (with --keep: both must hold)')
    .option('-y, --yes', 'do not ask for confirmation', false)
    .option('--project <name>', 'this project, without reading a spec file (no container then counts as an orphan)')
    .option('--json', 'machine-readable output', false)
    .option('--lock-timeout <duration>', LOCK_TIMEOUT_HELP)
    .action(async (opts: { keep?: string; olderThan?: string; yes: boolean; json: boolean; project?: string; lockTimeout?: string }) => {
      hooks.setJson(opts.json);
      hooks.setExitCode(await (await import('./commands/prune.js')).runPruneCommand(hooks.globals(true), opts));
    });

  program
    .command('init')
    .description('write a new envctl.yaml (-f FILE): a commented starter, or imported from a docker run line or a live container; never overwrites')
    .option('--from-run <line>', "one environment from a docker run line, quoted: --from-run 'docker run -it -p 8888:8888 IMAGE'")
    .option('--from-container <name>', 'one environment from a live container (image defaults left out)')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { fromRun?: string; fromContainer?: string; json: boolean }) => {
      hooks.setJson(opts.json);
      hooks.setExitCode(await (await import('./commands/init.js')).runInitCommand(hooks.globals(), opts));
    });

  program
    .command('completion')
    .description('print the shell completion script (commands, options, environment names): source <(envctl completion bash)')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: 'bash' | 'zsh' | 'fish') => {
      hooks.globals();
      hooks.setExitCode((await import('./commands/completion.js')).runCompletionCommand(program, shell));
    });

  program.command('__envs', { hidden: true }).action(async () => {
    hooks.setExitCode(await (await import('./commands/completion.js')).runListEnvsCommand(hooks.globals()));
  });
}
