// The plan's warnings about ports a new container opens to every interface (SPEC: the plan shows each one).
import { formatPublished } from '../fields/present/format-value.js';
import type { Action } from './plan-types.js';

const ALL_INTERFACES = new Set(['0.0.0.0', '::', '']);

export function portWarnings(actions: Action[]): string[] {
  return actions.flatMap((a) => {
    if (a.kind !== 'create' && a.kind !== 'recreate') return [];
    const open = a.env.ports
      .filter((p) => ALL_INTERFACES.has(p.hostIp))
      .map((p) => `${a.resource} publishes ${formatPublished(p)} on all interfaces (${p.hostIp === '' ? '0.0.0.0' : p.hostIp})`);
    // sshd is key-only, but an ssh port open to every interface is still worth saying out loud.
    const ssh = a.env.ssh;
    if (ssh && ALL_INTERFACES.has(ssh.hostIp)) {
      open.push(`${a.resource} publishes ssh (${ssh.port ?? 'a port envctl chooses'}) on all interfaces (${ssh.hostIp === '' ? '0.0.0.0' : ssh.hostIp}); set ssh.host_ip: 127.0.0.1 to keep it local`);
    }
    return open;
  });
}
