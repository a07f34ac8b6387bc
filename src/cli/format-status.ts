// `envctl status` as a table a person scans: env, container, state, image, ports, drift.
import pc from 'picocolors';
import type { ProjectStatus } from '../app/run-status.js';
import { describeNodes } from '../app/service-status.js';
import type { PortBinding } from '../fields/canonical-env.js';

function formatPorts(ports: PortBinding[]): string {
  if (ports.length === 0) return '-';
  return ports
    .map((p) => `${p.hostIp === '0.0.0.0' ? '' : `${p.hostIp}:`}${p.published ?? '*'}->${p.target}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`)
    .join(', ');
}

export function formatStatus(status: ProjectStatus, color: boolean): string {
  const c = pc.createColors(color);
  // HOST only for a spec with hosts: (a spec on one engine reads as it always did).
  const hosts = status.environments.some((e) => e.host !== undefined);
  const header = ['ENV', ...(hosts ? ['HOST'] : []), 'CONTAINER', 'STATE', 'IMAGE', 'PORTS', 'DRIFT'];
  const rows = status.environments.map((e) => [
    e.env,
    ...(hosts ? [e.host ?? '(default)'] : []),
    e.container ?? '-',
    e.state === e.wanted || (e.state === 'exited' && e.wanted === 'stopped') ? e.state : `${e.state} (wants ${e.wanted})`,
    e.image,
    [formatPorts(e.ports), ...(e.ssh ? [`ssh ${e.ssh.hostIp === '0.0.0.0' ? '' : `${e.ssh.hostIp}:`}${e.ssh.port ?? '*'}`] : [])]
      .filter((p) => p !== '-')
      .join(', ') || '-',
    e.drift ? 'yes' : 'no',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
  const out = [`Project "${status.project}"`, c.bold(line(header)), ...rows.map((r, i) => {
    const text = line(r);
    return status.environments[i]!.drift ? c.yellow(text) : text;
  })];
  for (const e of status.environments) {
    if (e.service) out.push(`  ${e.env}: service ${e.service.name}, ${e.service.mode}, ${e.service.running}/${e.service.desired} running on ${describeNodes(e.service)}`);
    for (const p of e.pending) out.push(`  ${e.env}: ${p}`);
    if (e.error) out.push(`  ${e.env}: engine says: ${e.error}`);
  }
  if (status.orphans.length) out.push(`Containers no longer in the spec (apply removes them): ${status.orphans.join(', ')}`);
  return out.join('\n');
}
