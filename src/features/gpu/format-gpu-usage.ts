// `envctl gpus` as text: one line per GPU with its numbers (when nvidia-smi is there) and who claims it.
import type { GpuUsage, GpuUser } from './list-gpu-usage.js';

function who(u: GpuUser): string {
  const owner = u.project !== null && u.env !== null ? `${u.project}/${u.env}` : u.container;
  return `${owner} (${u.status}, ${u.claim})`;
}

export function formatGpuUsage(usage: GpuUsage): string {
  const lines: string[] = [];
  if (usage.rows.length === 0) lines.push('no container on this engine asks for GPUs');
  for (const row of usage.rows) {
    const s = row.stats;
    const numbers = s
      ? ` ${s.name}, ${s.utilizationPercent ?? '?'}% busy, ${s.memoryUsedMiB ?? '?'}/${s.memoryTotalMiB ?? '?'} MiB`
      : '';
    const label = row.gpu === 'all' ? 'all GPUs' : `GPU ${row.gpu}`;
    lines.push(`${label}:${numbers}`);
    if (row.users.length === 0) lines.push('    (free)');
    for (const u of row.users) lines.push(`    ${who(u)}`);
  }
  for (const w of usage.warnings) lines.push(`! ${w}`);
  if (!usage.nvidiaSmi) lines.push(usage.statsNote ?? 'nvidia-smi not found; showing claims only');
  return lines.join('\n');
}
