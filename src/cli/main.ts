// The CLI entry: argument parsing, and the ONLY place that turns errors into exit codes and --json error output.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { EXIT_CODES } from '../errors/envctl-error.js';
import { errorToJson, formatError, toEnvctlError } from './format-error.js';
import { printJson, wantsColor, type GlobalOptions } from './output.js';
import { LOCK_TIMEOUT_HELP, registerDataSafetyCommands } from './register-data-safety-commands.js';
import { HOST_OPTION } from './host-option.js';
import { watchInterrupts } from './watch-interrupts.js';
import { ENGINE_TIMEOUT_HELP, ENGINE_TIMEOUT_VAR, invalidEngineTimeout, parseEngineTimeout } from '../engine/engine-timeout.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  let json = false;
  let debug = argv.includes('--debug');
  let running = 'envctl';
  const interrupts = watchInterrupts(() => running);
  const program = new Command('envctl')
    .description('Declarative Docker environments: envctl.yaml → plan → apply. Applying twice changes nothing.')
    .version(packageVersion(), '-V, --version')
    .option('-f, --file <path>', 'the spec file', process.env.ENVCTL_FILE ?? 'envctl.yaml')
    .option('--debug', 'show stack traces and engine details on errors', false)
    .option('--engine-timeout <duration>', ENGINE_TIMEOUT_HELP)
    .option('--no-color', 'plain output without colors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .hook('preAction', (_program, action) => {
      running = action.name();
    });

  /** `careful`: the command stops by itself on Ctrl-C (it changes things); others end at once. */
  const globals = (careful = false): GlobalOptions => {
    const o = program.opts<{ file: string; debug: boolean; color: boolean; engineTimeout?: string }>();
    debug = o.debug;
    if (o.engineTimeout !== undefined) {
      if (parseEngineTimeout(o.engineTimeout) === null) throw invalidEngineTimeout('--engine-timeout', o.engineTimeout);
      // The option overrides the variable; every engine connection of this run reads it from there.
      process.env[ENGINE_TIMEOUT_VAR] = o.engineTimeout;
    }
    if (careful) interrupts.careful(running);
    return { file: o.file, debug: o.debug, color: wantsColor(o.color), signal: interrupts.signal, raise: interrupts.raise };
  };

  program
    .command('validate')
    .description('check the spec: every problem at once, as file:line:col; no engine call')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { json: boolean }) => {
      json = opts.json;
      exitCode = await (await import('./commands/validate.js')).runValidateCommand(globals(), opts);
    });

  program
    .command('plan')
    .description('show what apply would change; exit 0 = no changes, 2 = changes, 4 = conflict, 1 = error')
    .option('--json', 'machine-readable output (includes the steps apply runs and their dependencies)', false)
    .option('--graph', 'also show the steps apply runs for each action and what each waits for', false)
    .action(async (opts: { json: boolean; graph: boolean }) => {
      json = opts.json;
      exitCode = await (await import('./commands/plan.js')).runPlanCommand(globals(), opts);
    });

  program
    .command('apply')
    .description('make the engine match the spec (asks first when something is removed or recreated)')
    .option('-y, --yes', 'do not ask for confirmation', false)
    .option('--json', 'machine-readable output (implies no animation)', false)
    .option('--discard-changes', "recreate/remove even when that loses changes in a container's own layer", false)
    .option('--lock-timeout <duration>', LOCK_TIMEOUT_HELP)
    .option('--wait-timeout <duration>', 'how long to wait for each Swarm service to converge after a create or update (default 5m)')
    .action(async (opts: { yes: boolean; json: boolean; discardChanges: boolean; lockTimeout?: string; waitTimeout?: string }) => {
      json = opts.json;
      exitCode = await (await import('./commands/apply.js')).runApplyCommand(globals(true), opts);
    });

  program
    .command('destroy')
    .description("remove the project's containers; volumes (named and anonymous) are kept unless --volumes")
    .option('-y, --yes', 'do not ask for confirmation', false)
    .option('--volumes', "also remove the project's named volumes and its containers' anonymous ones (their data is lost)", false)
    .option('--project <name>', 'destroy this project without reading a spec file')
    .option('--discard-changes', "remove containers even when that loses changes in their own layer", false)
    .option('--json', 'machine-readable output', false)
    .option('--lock-timeout <duration>', LOCK_TIMEOUT_HELP)
    .action(async (opts: { yes: boolean; volumes: boolean; project?: string; discardChanges: boolean; json: boolean; lockTimeout?: string }) => {
      json = opts.json;
      exitCode = await (await import('./commands/destroy.js')).runDestroyCommand(globals(true), opts);
    });

  program
    .command('status')
    .description('each environment: container, state, image, ports, drift')
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { json: boolean }) => {
      json = opts.json;
      exitCode = await (await import('./commands/status.js')).runStatusCommand(globals(), opts);
    });

  program
    .command('gpus')
    .description('GPU → the environments and containers that claim it (all containers on the engine), with nvidia-smi numbers')
    .option(...HOST_OPTION)
    .option('--json', 'machine-readable output', false)
    .action(async (opts: { host?: string; json: boolean }) => {
      json = opts.json;
      exitCode = await (await import('./commands/gpus.js')).runGpusCommand(globals(), opts);
    });

  program
    .command('import')
    .description('a `docker run` or `docker service create` line (after --, or quoted) or a live container → a spec environment (YAML on stdout, or -o FILE)')
    .argument('[docker-run...]', 'the docker line, e.g. -- docker run -it --gpus all -p 8888:8888 IMAGE, or -- docker service create --replicas 2 IMAGE')
    .option('-o, --output <file>', 'write the spec to FILE; an existing spec gets this environment added (or replaced), the rest kept')
    .option('--name-as-env <key>', 'the key under `environments:` (default: from --name, else the image)')
    .option('--from-container <name>', 'import a live container instead of a docker run line (image defaults left out)')
    .action(async (words: string[], opts: { output?: string; nameAsEnv?: string; fromContainer?: string }) => {
      globals();
      exitCode = await (await import('./commands/import.js')).runImportCommand(words, opts);
    });

  program
    .command('ssh')
    .description("log in to an environment over its key-only ssh (or run CMD there, after --); envctl's known_hosts, strict checking")
    .argument('<name>', 'the environment (its key under `environments:`)')
    .argument('[command...]', 'a command to run instead of a shell, after --')
    .action(async (name: string, command: string[]) => {
      exitCode = await (await import('./commands/ssh.js')).runSshCommand(globals(), name, command);
    });

  program
    .command('ssh-config')
    .description('Host blocks for ~/.ssh/config (VS Code Remote-SSH); --write merges them in between envctl markers')
    .argument('[name]', 'only this environment (printing only; --write covers the whole project)')
    .option('--write', "merge the project's Host blocks into ~/.ssh/config, idempotently", false)
    .action(async (name: string | undefined, opts: { write: boolean }) => {
      exitCode = await (await import('./commands/ssh-config.js')).runSshConfigCommand(globals(), name, opts);
    });

  registerDataSafetyCommands(program, {
    setJson: (value) => {
      json = value;
    },
    globals,
    setExitCode: (code) => {
      exitCode = code;
    },
  });

  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      return err.exitCode === 0 ? 0 : EXIT_CODES.usage;
    }
    const e = toEnvctlError(err);
    if (json) printJson(errorToJson(e));
    else process.stderr.write(`${formatError(e, debug)}\n`);
    return EXIT_CODES[e.code];
  }
}
