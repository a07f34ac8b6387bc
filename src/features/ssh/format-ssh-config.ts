// `Host` blocks for ~/.ssh/config (what VS Code Remote-SSH reads), and merging them between envctl's markers.
import type { SshTarget } from './resolve-ssh-target.js';

const quote = (value: string): string => (/[\s"]/.test(value) ? `"${value.replace(/"/g, '\\"')}"` : value);

export function formatHostBlock(t: SshTarget): string {
  const lines = [
    `Host ${t.hostAlias}`,
    `  HostName ${t.hostName}`,
    `  Port ${t.port}`,
    `  User ${t.user}`,
    ...(t.identityFile === null ? [] : [`  IdentityFile ${quote(t.identityFile)}`, '  IdentitiesOnly yes']),
    `  HostKeyAlias ${t.hostKeyAlias}`,
    `  UserKnownHostsFile ${quote(t.knownHostsFile)}`,
    '  StrictHostKeyChecking yes',
  ];
  return lines.join('\n');
}

const beginMarker = (project: string): string => `# >>> envctl ${project} >>>`;
const endMarker = (project: string): string => `# <<< envctl ${project} <<<`;

/** The project's section, markers included. */
export function formatProjectSection(project: string, blocks: readonly string[]): string {
  return [beginMarker(project), '# Managed by `envctl ssh-config --write`; edits here are replaced.', ...blocks, endMarker(project)].join('\n');
}

/**
 * The config with the project's section replaced in place, or put at the top when new: ssh takes the FIRST value it
 * finds for an option, so a `Host *` block earlier in the file would otherwise override these settings.
 */
export function mergeSshConfig(existing: string, project: string, section: string): string {
  const lines = existing.split('\n');
  const begin = lines.indexOf(beginMarker(project));
  const end = lines.indexOf(endMarker(project));
  if (begin !== -1 && end > begin) {
    return [...lines.slice(0, begin), ...section.split('\n'), ...lines.slice(end + 1)].join('\n');
  }
  if (existing.trim() === '') return `${section}\n`;
  return `${section}\n\n${existing}`;
}
