// Shell completion as a user loads it: `envctl completion bash|zsh|fish` in the real shells (scripts/shells-up.sh
// installs zsh and fish), completing commands, options and the spec's environment names (also from `-f FILE`).
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../../bin/envctl.js');

describe('envctl completion', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envctl-completion-'));
  const env = { ...process.env, PATH: `${join(dir, 'bin')}:${process.env.PATH ?? ''}`, NO_COLOR: '1' };
  const sh = (shell: string, args: string[], input?: string) => execa(shell, args, { cwd: dir, env, reject: false, timeout: 30_000, ...(input ? { input } : {}) });

  beforeAll(() => {
    // `envctl` on PATH, as an installed CLI is: the scripts call it for environment names.
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'envctl'), `#!/bin/sh\nexec node ${JSON.stringify(BIN)} "$@"\n`);
    chmodSync(join(bin, 'envctl'), 0o755);
    writeFileSync(join(dir, 'envctl.yaml'), 'version: 1\nproject: comp\nenvironments:\n  alpha: { image: x }\n  beta: { image: x }\n');
    writeFileSync(join(dir, 'other.yaml'), 'version: 1\nproject: comp2\nenvironments:\n  gamma: { image: x }\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bash: the script loads (complete -p names its function) and completes commands, options, environments', async () => {
    const loaded = await sh('bash', ['-c', 'source <(envctl completion bash) && complete -p envctl']);
    expect(loaded.exitCode, loaded.stderr).toBe(0);
    expect(loaded.stdout).toContain('-F _envctl_complete envctl');
    const ask = (words: string[]): string =>
      `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _envctl_complete; echo "\${COMPREPLY[*]}"`;
    const r = await sh('bash', [
      '-c',
      ['source <(envctl completion bash)', ask(['envctl', 'pr']), ask(['envctl', 'prune', '--ol']), ask(['envctl', 'ssh', '']), ask(['envctl', '-f', 'other.yaml', 'snapshot', '']), ask(['envctl', 'completion', ''])].join('; '),
    ]);
    expect(r.stdout.split('\n')).toEqual(['prune', '--older-than', 'alpha beta', 'gamma', 'bash zsh fish']);
  });

  it('bash: every command of the CLI is in the script (generated from the command tree, so it never goes stale)', async () => {
    const help = await sh('node', [BIN, '--help']);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z][a-z-]*)\b/gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands.length).toBeGreaterThan(15);
    const script = (await sh('node', [BIN, 'completion', 'bash'])).stdout;
    for (const c of commands) expect(script).toContain(`    ${c}) opts=`);
  });

  it('zsh: the script loads after compinit and completes commands and environment names at a real prompt (zpty)', async () => {
    const loaded = await sh('zsh', ['-f', '-c', 'autoload -U compinit && compinit -u -D && source <(envctl completion zsh) && print -r -- $_comps[envctl]']);
    expect(loaded.exitCode, loaded.stderr).toBe(0);
    expect(loaded.stdout.trim()).toBe('_envctl');
    const typed = async (line: string, until: string): Promise<string> => {
      const script = [
        'zmodload zsh/zpty',
        `zpty z 'PS1="%% " TERM=dumb zsh -f -i'`,
        `zpty -w z 'autoload -U compinit; compinit -u -D; source <(envctl completion zsh); setopt nobeep'`,
        `zpty -w -n z $'${line}\\t'`,
        'out=""',
        'for i in {1..100}; do',
        '  zpty -r -t z chunk && out+=$chunk',
        `  [[ $out == *'${until}'* ]] && break`,
        '  sleep 0.1',
        'done',
        'zpty -d z',
        'print -r -- "$out"',
      ].join('\n');
      return (await sh('zsh', ['-f'], script)).stdout;
    };
    expect(await typed('envctl pru', 'envctl prune ')).toContain('envctl prune ');
    expect(await typed('envctl -f other.yaml snapshot ', 'snapshot gamma')).toContain('snapshot gamma');
  });

  it('fish: the script loads and completes commands, options and environment names', async () => {
    const r = await sh('fish', ['-c', 'envctl completion fish | source; complete -C "envctl pru"; complete -C "envctl prune --ke"; complete -C "envctl ssh "; complete -C "envctl -f other.yaml save "']);
    expect(r.exitCode, r.stderr).toBe(0);
    const first = r.stdout.split('\n').map((l) => l.split('\t')[0]);
    expect(first).toEqual(['prune', '--keep', 'alpha', 'beta', 'gamma']);
  });
});
