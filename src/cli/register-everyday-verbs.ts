// Registers the everyday verbs (exec, attach, logs, restart, kill, cp, top) on the CLI; each loads its module lazily,
// like the core verbs in main.ts, so `envctl plan` never pays for them.
import type { Command } from 'commander';
import type { CommandHooks } from './register-data-safety-commands.js';

const ENV_ARG = ['<env>', 'the environment, as named under environments:'] as const;
const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerEverydayVerbs(program: Command, hooks: CommandHooks): void {
  program
    .command('exec')
    .description("run CMD (after --) in an environment's running container, or its shell (bash, else sh); a TTY when this is a terminal; exit code passed on")
    .argument(...ENV_ARG)
    .argument('[command...]', 'the command and its arguments, after --')
    .option('-T, --no-tty', 'no TTY, even in a terminal')
    .option('-u, --user <user>', "run as this user (default: the environment's user)")
    .option('-w, --workdir <dir>', "run in this folder (default: the environment's working_dir)")
    .option('-e, --env <K=V>', 'an extra environment variable (repeatable)', collect, [])
    .action(async (env: string, command: string[], opts: { tty: boolean; user?: string; workdir?: string; env: string[] }) => {
      hooks.setExitCode(await (await import('./commands/exec.js')).runExecCommand(hooks.globals(), env, command, opts));
    });

  program
    .command('attach')
    .description("connect this terminal to an environment's own process (stdin_open + tty, e.g. a shell); Ctrl-P Ctrl-Q detaches")
    .argument(...ENV_ARG)
    .action(async (env: string) => {
      hooks.setExitCode(await (await import('./commands/exec.js')).runAttachCommand(hooks.globals(), env));
    });

  program
    .command('logs')
    .description("an environment's log (stdout and stderr); -f follows it until Ctrl-C")
    .argument(...ENV_ARG)
    .option('-f, --follow', 'keep printing new lines', false)
    .option('-n, --tail <lines>', 'only the last N lines (or all)')
    .option('--since <time>', 'only lines since a duration ago (10m, 1h30m), a date (2026-11-30T05:00:00Z) or Unix seconds')
    .option('-t, --timestamps', 'each line with its time', false)
    .action(async (env: string, opts: { follow: boolean; tail?: string; since?: string; timestamps: boolean }) => {
      hooks.setExitCode(await (await import('./commands/logs.js')).runLogsCommand(hooks.globals(), env, opts));
    });

  program
    .command('restart')
    .description('stop and start environments (the same containers; not a spec change: the plan stays empty)')
    .argument('<env...>', 'the environments, as named under environments:')
    .option('-t, --time <seconds>', "seconds to wait before killing (default: the environment's stop_grace_period)")
    .option('--json', 'machine-readable output', false)
    .action(async (envs: string[], opts: { time?: string; json: boolean }) => {
      hooks.setJson(opts.json);
      hooks.setExitCode(await (await import('./commands/signal-verbs.js')).runRestartCommand(hooks.globals(), envs, opts));
    });

  program
    .command('kill')
    .description("send a signal to environments' main process (PID 1): -s HUP to reload; default KILL")
    .argument('<env...>', 'the environments, as named under environments:')
    .option('-s, --signal <signal>', 'the signal: HUP, TERM, KILL, USR1, SIGRTMIN+3, or a number', 'KILL')
    .option('--json', 'machine-readable output', false)
    .action(async (envs: string[], opts: { signal: string; json: boolean }) => {
      hooks.setJson(opts.json);
      hooks.setExitCode(await (await import('./commands/signal-verbs.js')).runKillCommand(hooks.globals(), envs, opts));
    });

  program
    .command('cp')
    .description('copy files or folders between this machine and an environment (ENV:PATH on either side; modes kept; - = a tar on stdin/stdout)')
    .argument('<source>', 'ENV:PATH or a local path')
    .argument('<destination>', 'a local path or ENV:PATH')
    .option('-L, --follow-link', 'copy what a symlink named as the source points to', false)
    .option('--json', 'machine-readable output (what was copied)', false)
    .action(async (source: string, destination: string, opts: { followLink: boolean; json: boolean }) => {
      hooks.setJson(opts.json);
      hooks.setExitCode(await (await import('./commands/cp.js')).runCpCommand(hooks.globals(), source, destination, opts));
    });

  program
    .command('top')
    .description("the processes of an environment's container (ps options after --)")
    .argument(...ENV_ARG)
    .argument('[ps-options...]', 'options for ps, after -- (default -ef)')
    .option('--json', 'machine-readable output', false)
    .action(async (env: string, psArgs: string[], opts: { json: boolean }) => {
      hooks.setJson(opts.json);
      hooks.setExitCode(await (await import('./commands/top.js')).runTopCommand(hooks.globals(), env, psArgs, opts));
    });
}

/** Options of the program itself that take a value (the word after them is not the command). */
const PROGRAM_OPTIONS_WITH_VALUE = new Set(['-f', '--file', '--engine-timeout']);

/**
 * `envctl logs -f ENV` follows, as with `docker logs -f`: after the word `logs`, "-f" means --follow, not the program's
 * --file (which commander would otherwise take it for wherever it stands). `envctl -f FILE logs …` still names a spec.
 */
export function logsFollowFlag(argv: readonly string[]): string[] {
  let i = 0;
  while (i < argv.length) {
    const word = argv[i] as string;
    if (PROGRAM_OPTIONS_WITH_VALUE.has(word)) i += 2;
    else if (word.startsWith('-')) i += 1;
    else break;
  }
  if (argv[i] !== 'logs') return [...argv];
  const end = argv.indexOf('--', i);
  return argv.flatMap((word, j) => (j > i && (end === -1 || j < end) ? followWord(word) : [word]));
}

/** "-f" → --follow; grouped flags of logs with f among them ("-ft", "-fn") → each alone ("-n" last, as it takes a value). */
function followWord(word: string): string[] {
  if (word === '-f') return ['--follow'];
  if (!/^-[ftn]{2,}$/.test(word) || !word.includes('f') || word.slice(1, -1).includes('n')) return [word];
  return [...word.slice(1)].map((letter) => (letter === 'f' ? '--follow' : `-${letter}`));
}
