// How the plan shows `ssh` (one line; keys shortened to type, the end of the key and the comment).
import type { SshConfig } from './ssh-settings.js';

function shortKey(line: string): string {
  const [type = '', body = '', ...comment] = line.split(' ');
  const short = `${type.replace(/^ssh-/, '')} …${body.replace(/=+$/, '').slice(-8)}`;
  return comment.length > 0 ? `${short} ${comment.join(' ')}` : short;
}

export function formatSsh(ssh: SshConfig | null): string {
  if (ssh === null) return 'none';
  const where = `${ssh.hostIp}:${ssh.port ?? (ssh.chosenPort === undefined ? '(chosen by envctl)' : `${ssh.chosenPort} (chosen by envctl)`)}`;
  return `user ${ssh.user}, port ${where}, install ${ssh.install}, keys [${ssh.authorizedKeys.map(shortKey).join(', ')}]`;
}
