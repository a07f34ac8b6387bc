// Registers the data-safety verbs (snapshot, snapshots, save, load, unlock) on the CLI; each loads its module lazily,
// like the core verbs in main.ts, so `envctl plan` never pays for them.
import type { Command } from 'commander';
import type { GlobalOptions } from './output.js';
import { HOST_OPTION } from './host-option.js';

/** Help text for --lock-timeout; the default is DEFAULT_LOCK_TIMEOUT_MS in apply/lock/project-lock.ts. */
export const LOCK_TIMEOUT_HELP = 'how long to wait for another apply/destroy of this project, e.g. 30s, 5m, 0 (default 60s)';

export interface CommandHooks {
  setJson: (json: boolean) => void;
  /** `true` for a command that stops by itself on Ctrl-C (it changes things). */
  globals: (careful?: boolean) => GlobalOptions;
  setExitCode: (code: number) => void;
}

export function registerDataSafetyCommands(program: Command, hooks: CommandHooks): void {
  program
    .command('snapshot')
    .description("commit an environment's container (its own-layer work) to an envctl-labelled image")
    .argument('<env>', 'the environment, as named under environments:')
    .option('--tag <repo:tag>', 'image reference to commit to (default envctl/<project>-<env>:snapshot-<UTC time>)')
    .option('-m, --message <text>', 'a note kept in the image labels', '')
    .option('--json', 'machine-readable output', false)
    .action(async (env: string, opts: { tag?: string; message: string; json: boolean }) => {
      hooks.setJson(opts.json);
      hooks.setExitCode(await (await import('./commands/snapshot.js')).runSnapshotCommand(hooks.globals(true), env, opts));
    });

  program
    .command('snapshots')
    .description('list the snapshot images envctl made on this engine (all projects)')
    .option('--project <name>', 'only this project')
    .option(...HOST_OPTION)
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { project?: string; host?: string; json: boolean }) => {
      hooks.setJson(opts.json);
      hooks.setExitCode(await (await import('./commands/snapshots.js')).runSnapshotsCommand(hooks.globals(), opts));
    });

  program
    .command('save')
    .description("write an environment to a tar (snapshot first if its container holds work), for `envctl load` elsewhere")
    .argument('<env>', 'the environment, as named under environments:')
    .requiredOption('-o, --output <file.tar>', 'the tar file to write')
    .option('--tag <repo:tag>', 'image reference for the snapshot, when one is needed')
    .option('-m, --message <text>', 'a note kept in the snapshot labels', '')
    .option('--json', 'machine-readable output', false)
    .action(async (env: string, opts: { output: string; tag?: string; message: string; json: boolean }) => {
      hooks.setJson(opts.json);
      hooks.setExitCode(await (await import('./commands/save.js')).runSaveCommand(hooks.globals(true), env, opts));
    });

  program
    .command('load')
    .description('load images from a tar written by `envctl save` (or `docker save`)')
    .argument('<file.tar>', 'the tar file to read')
    .option(...HOST_OPTION)
    .option('--json', 'machine-readable output', false)
    .action(async (file: string, opts: { host?: string; json: boolean }) => {
      hooks.setJson(opts.json);
      hooks.setExitCode(await (await import('./commands/load.js')).runLoadCommand(hooks.globals(true), file, opts));
    });

  program
    .command('unlock')
    .description("remove a stale engine-side lock of the project (left by an apply that crashed); refuses while its holder may still run")
    .option('--project <name>', 'unlock this project without reading a spec file')
    .option('--force', 'remove the lock even when its holder runs (here) or cannot be checked (another machine)', false)
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { project?: string; json: boolean; force: boolean }) => {
      hooks.setJson(opts.json);
      hooks.setExitCode(await (await import('./commands/unlock.js')).runUnlockCommand(hooks.globals(), opts));
    });
}
