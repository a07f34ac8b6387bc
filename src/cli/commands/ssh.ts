// `envctl ssh NAME [-- CMD…]`: the system ssh into an environment, with its port, user, key and envctl's known_hosts.
import { specSource } from '../load-spec-for.js';
import { execa } from 'execa';
import { runSshTarget } from '../../app/run-ssh.js';
import { connectTo } from '../../engine/connect-engine.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import { sshArgs } from '../../features/ssh/resolve-ssh-target.js';
import type { GlobalOptions } from '../output.js';
import { identityFileWarnings, printWarnings } from '../render/identity-file-warnings.js';

export async function runSshCommand(g: GlobalOptions, name: string, command: string[]): Promise<number> {
  const target = await runSshTarget(specSource(g), connectTo, name);
  printWarnings(identityFileWarnings([target]));
  const ssh = process.env.ENVCTL_SSH ?? 'ssh';
  const result = await execa(ssh, sshArgs(target, command), { stdio: 'inherit', reject: false });
  if ((result as { code?: string }).code === 'ENOENT') {
    throw new EnvctlError('not-found', `no ssh client found (${ssh})`, { hint: 'install OpenSSH (Debian: apt-get install openssh-client)' });
  }
  // ssh's own exit code: the remote command's, or 255 when ssh itself failed.
  return result.exitCode ?? 255;
}
