// docker run's argv read the way the docker CLI reads it: bundles, `=` values, repeats, image and command.
import { describe, expect, it } from 'vitest';
import { usageErrorOf } from '../../support/expect-error.js';
import { parseDockerRun } from '../../../src/features/import/parse-docker-run.js';
import { splitRunLine, toDockerCommand } from '../../../src/features/import/split-run-line.js';

const pairs = (argv: string[]) => parseDockerRun(argv).options.map((o) => [o.flag.name, o.value]);

describe('parseDockerRun', () => {
  it('reads long flags with a separate or an attached value, and repeated flags in order', () => {
    expect(pairs(['--shm-size', '32g', '--ipc=host', '-p', '8888:8888', '--publish=6006:6006', 'img'])).toStrictEqual([
      ['shm-size', '32g'],
      ['ipc', 'host'],
      ['publish', '8888:8888'],
      ['publish', '6006:6006'],
    ]);
  });

  it('splits bundles of short flags, the last one may take a value (attached, after =, or the next word)', () => {
    expect(pairs(['-it', 'img'])).toStrictEqual([['interactive', 'true'], ['tty', 'true']]);
    expect(pairs(['-dit', 'img'])).toStrictEqual([['detach', 'true'], ['interactive', 'true'], ['tty', 'true']]);
    expect(pairs(['-dp', '80:80', 'img'])).toStrictEqual([['detach', 'true'], ['publish', '80:80']]);
    expect(pairs(['-p8080:80', '-eA=1', '-e=B=2', 'img'])).toStrictEqual([['publish', '8080:80'], ['env', 'A=1'], ['env', 'B=2']]);
  });

  it('reads boolean flags with an explicit value, and old aliases (--net)', () => {
    expect(pairs(['--init=false', '--privileged=true', '--net', 'host', 'img'])).toStrictEqual([
      ['init', 'false'],
      ['privileged', 'true'],
      ['network', 'host'],
    ]);
  });

  it('stops at the image: everything after it is the command, flags included', () => {
    const run = parseDockerRun(['-d', 'busybox', 'sh', '-c', 'echo -p 80']);
    expect(run.image).toBe('busybox');
    expect(run.args).toStrictEqual(['sh', '-c', 'echo -p 80']);
    expect(parseDockerRun(['-d', '--', 'busybox', '-x']).args).toStrictEqual(['-x']);
  });

  it('names an unknown flag, a flag without its value, and a line without an image (usage errors)', () => {
    const unknown = usageErrorOf(() => parseDockerRun(['--gpu', 'all', 'img']));
    expect(unknown.code).toBe('usage');
    expect(unknown.message).toBe('unknown docker run flag --gpu');
    expect(usageErrorOf(() => parseDockerRun(['-itz', 'img'])).message).toBe('unknown docker run flag -z (in -itz)');
    expect(parseDockerRun(['img', '-p']).args).toStrictEqual(['-p']);
    expect(usageErrorOf(() => parseDockerRun(['-p'])).message).toBe('-p needs a value');
    expect(usageErrorOf(() => parseDockerRun(['-d'])).message).toBe('the docker run line names no image');
    expect(usageErrorOf(() => parseDockerRun(['--init=maybe', 'img'])).message).toContain('is true or false');
  });
});

describe('toDockerCommand / splitRunLine', () => {
  it('drops [sudo] docker [container] run|create', () => {
    const args = (words: string[]) => toDockerCommand(words).args;
    expect(args(['docker', 'run', '-d', 'img'])).toStrictEqual(['-d', 'img']);
    expect(args(['sudo', 'docker', 'container', 'run', 'img'])).toStrictEqual(['img']);
    expect(args(['docker', 'create', 'img'])).toStrictEqual(['img']);
    expect(toDockerCommand(['-d', 'img'])).toStrictEqual({ kind: 'run', args: ['-d', 'img'] });
    expect(usageErrorOf(() => toDockerCommand(['docker', 'exec', 'x'])).message).toContain('found `docker exec`');
    expect(usageErrorOf(() => toDockerCommand(['docker', 'run'])).message).toBe('no docker run line to import');
  });

  it('splits one pasted line like a shell: quotes, continuations, $VAR, comments', () => {
    const line = `docker run -it \\\n  --gpus '"device=1,2"' -v $HOME/x:/x -e A="b c" img sh -c 'echo $HOME' # trailing note`;
    expect(toDockerCommand([line], { HOME: '/home/al' }).args).toStrictEqual([
      ...['-it', '--gpus', '"device=1,2"', '-v', '/home/al/x:/x', '-e', 'A=b c', 'img', 'sh', '-c', 'echo $HOME'],
    ]);
  });

  it('refuses shell operators: one command is imported', () => {
    expect(usageErrorOf(() => splitRunLine('docker run img && echo hi')).message).toContain('shell operator `&&`');
  });

  it('says a $(…) or `…` in a pasted line was never run, and how to let the shell run it', () => {
    const dollar = usageErrorOf(() => splitRunLine('docker run -v $(pwd):/work img'));
    expect(dollar.message).toBe('`$(pwd)` is a command substitution: the shell did not run it (the line reached envctl quoted), and envctl runs no commands');
    expect(dollar.hint).toBe('paste the line after `--` without quotes, so your shell runs it (envctl import -- docker run …), or write its result (e.g. the path) instead of `$(pwd)`');
    expect(usageErrorOf(() => splitRunLine('docker run -v "`pwd`/data:/data" img')).message).toMatch(/^`pwd` is a command substitution/);
    expect(usageErrorOf(() => splitRunLine('docker run -e "HOST=$(hostname)" img')).message).toMatch(/^`\$\(hostname\)` is a command/);
    // Single quotes (and a backslash) keep them literal in a shell too: docker got them as written.
    expect(splitRunLine("docker run -e 'PS1=$(whoami)' -e B=\\`x img")).toStrictEqual(['docker', 'run', '-e', 'PS1=$(whoami)', '-e', 'B=`x', 'img']);
  });
});
