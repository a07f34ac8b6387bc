// Turns what the user gave `envctl import` into the docker command's own argv: a pasted line is split like a shell
// would, and a leading `[sudo] docker [container] run|create` or `docker service create` is dropped.
import { parse } from 'shell-quote';
import { EnvctlError } from '../../errors/envctl-error.js';

const USAGE_HINT = 'e.g. envctl import -- docker run -it --gpus all -p 8888:8888 IMAGE (or docker service create --replicas 2 IMAGE), or the whole line in quotes';

/** Splits one pasted line like a POSIX shell: quotes, `\`-newline continuations, $VAR from `environ` as the shell would. */
export function splitRunLine(line: string, environ: Record<string, string | undefined> = process.env): string[] {
  // Lab notes keep long lines with `\` continuations; shell-quote would turn each into an empty word.
  const joined = line.replace(/\\\r?\n/g, ' ');
  refuseCommandSubstitution(joined);
  const argv: string[] = [];
  for (const token of parse(joined, (name) => environ[name] ?? '')) {
    if (typeof token === 'string') argv.push(token);
    else if ('comment' in token) break;
    else if (token.op === 'glob') argv.push(token.pattern);
    else {
      throw new EnvctlError('usage', `the line has a shell operator \`${token.op}\`: envctl imports one docker run command`, {
        hint: 'paste only the docker run command itself',
      });
    }
  }
  return argv;
}

/** A line to import: which docker command it is, and its arguments after `docker run` / `docker service create`. */
export interface DockerCommand {
  kind: 'run' | 'service';
  args: string[];
}

/**
 * The argv after `--` (or one quoted line) → the command's arguments, without its leading words: `[sudo] docker
 * [container] run|create` or `[sudo] docker service create`. A line without them is read as docker run's arguments.
 */
export function toDockerCommand(words: string[], environ?: Record<string, string | undefined>): DockerCommand {
  const argv = words.length === 1 && /\s/.test(words[0] ?? '') ? splitRunLine(words[0] ?? '', environ) : [...words];
  let i = 0;
  let kind: DockerCommand['kind'] = 'run';
  if (argv[i] === 'sudo') i++;
  if (argv[i] === 'docker' || argv[i]?.endsWith('/docker')) {
    i++;
    if (argv[i] === 'service') {
      kind = 'service';
      i++;
      if (argv[i] !== 'create') {
        throw new EnvctlError('usage', `envctl import reads \`docker service create\` lines, found \`docker service ${argv[i] ?? ''}\``, { hint: USAGE_HINT });
      }
    } else {
      if (argv[i] === 'container') i++;
      const verb = argv[i];
      if (verb !== 'run' && verb !== 'create') {
        throw new EnvctlError('usage', `envctl import reads \`docker run\`, \`docker create\` and \`docker service create\` lines, found \`docker ${verb ?? ''}\``, {
          hint: USAGE_HINT,
        });
      }
    }
    i++;
  }
  const args = argv.slice(i);
  if (args.length === 0) throw new EnvctlError('usage', `no ${kind === 'run' ? 'docker run' : 'docker service create'} line to import`, { hint: USAGE_HINT });
  return { kind, args };
}

/**
 * `$(pwd)` or backticks in a quoted line: a shell would have run them, but the line reached envctl quoted, so nobody
 * did (and envctl runs no commands). Said plainly instead of a confusing error about a "(" or a volume name.
 */
function refuseCommandSubstitution(line: string): void {
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && quote !== "'") {
      i++;
      continue;
    }
    if (quote === null && (c === "'" || c === '"')) quote = c;
    else if (c === quote) quote = null;
    else if (quote !== "'" && (c === '`' || (c === '$' && line[i + 1] === '('))) {
      const end = c === '`' ? line.indexOf('`', i + 1) : line.indexOf(')', i + 2);
      const text = end === -1 ? line.slice(i) : line.slice(i, end + 1);
      const shown = c === '`' ? text : `\`${text}\``;
      throw new EnvctlError('usage', `${shown} is a command substitution: the shell did not run it (the line reached envctl quoted), and envctl runs no commands`, {
        hint: `paste the line after \`--\` without quotes, so your shell runs it (envctl import -- docker run …), or write its result (e.g. the path) instead of ${shown}`,
      });
    }
  }
}
