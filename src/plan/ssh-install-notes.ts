// The plan says out loud what `ssh.install: auto` may do at apply: install openssh-server over the network. Pure: the
// plan cannot see into an image, so it says "if" (an image with sshd installs nothing).
import type { Action } from './plan-types.js';

export function sshInstallNotes(actions: readonly Action[]): string[] {
  return actions.flatMap((a) => {
    if ((a.kind !== 'create' && a.kind !== 'recreate') || a.env.ssh?.install !== 'auto') return [];
    return [
      `${a.resource}: if image ${a.env.image} has no sshd, apply installs openssh-server with its package manager (apt-get, apk, dnf or yum): needs the network (ssh.install: auto; \`never\` refuses instead)`,
    ];
  });
}
