// The warning for an `ssh.identity_file` that does not exist on this machine (a typo, or a per-user path in a
// checked-in spec): which environment, which path, and which key is offered instead; envctl carries on.
import type { SshTarget } from '../../features/ssh/resolve-ssh-target.js';

export function identityFileWarnings(targets: readonly SshTarget[]): string[] {
  return targets.flatMap((t) =>
    t.missingIdentityFile === null
      ? []
      : [`env:${t.env}: ssh.identity_file ${t.missingIdentityFile} does not exist here; ${t.identityFile === null ? 'ssh will try its own keys' : `using ${t.identityFile}`}`],
  );
}

/** Each warning on stderr, as envctl prints warnings. */
export function printWarnings(warnings: readonly string[]): void {
  for (const warning of warnings) process.stderr.write(`envctl: warning: ${warning}\n`);
}
