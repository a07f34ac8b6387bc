// What the ssh engine tests share: the local Debian images (scripts/test-images.sh), a user with a fresh key in a
// temp HOME, and a login retried until sshd is up.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { dockerMaybe, envctl, type CliResult, type SpecDir } from './run-cli.js';
import { waitFor } from '../../support/wait-for.js';

export const SSHD_IMAGE = 'envctl/debian-sshd:local';
export const NOSSHD_IMAGE = 'envctl/debian-nosshd:local';

export async function requireSshTools(): Promise<void> {
  for (const image of [SSHD_IMAGE, NOSSHD_IMAGE]) {
    const found = await dockerMaybe('image', 'inspect', image);
    if (!found.ok) throw new Error(`ssh tests need the local image ${image} (run: bash scripts/test-images.sh)`);
  }
  for (const tool of ['ssh', 'ssh-keygen', 'sshpass']) {
    const r = await execa('sh', ['-c', `command -v ${tool}`], { reject: false });
    if (r.exitCode !== 0) throw new Error(`ssh tests need ${tool} (run: bash scripts/test-images.sh)`);
  }
}

/** A user with a fresh ed25519 key and nothing else: HOME and XDG_CONFIG_HOME point into a temp folder. */
export class TempUser {
  readonly home = mkdtempSync(join(tmpdir(), 'envctl-ssh-home-'));
  readonly env = { HOME: this.home, XDG_CONFIG_HOME: join(this.home, '.config') };
  readonly knownHosts = join(this.home, '.config', 'envctl', 'known_hosts');
  /** `withKey: false`: an empty ~/.ssh, so only keys envctl names can log in. */
  async init(withKey = true): Promise<void> {
    mkdirSync(join(this.home, '.ssh'), { mode: 0o700 });
    if (!withKey) return;
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'tester@envctl', '-f', join(this.home, '.ssh', 'id_ed25519')]);
  }
  run(dir: SpecDir, ...args: string[]): Promise<CliResult> {
    return envctl(['-f', dir.file, ...args], { cwd: dir.dir, env: this.env });
  }
  dispose(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** sshd comes up a moment after the container starts: retry a login for a few seconds. */
export async function sshUntilUp(user: TempUser, dir: SpecDir, env: string, command: string[], timeoutMs = 20_000): Promise<CliResult> {
  let last: CliResult | null = null;
  return waitFor(
    async () => {
      last = await user.run(dir, 'ssh', env, '--', ...command);
      return last.exitCode === 0 && last;
    },
    { timeoutMs, intervalMs: 250, what: () => `\`envctl ssh ${env}\` to log in (last try: exit ${last?.exitCode}, ${last?.stderr.trim()})` },
  );
}

