// The table `envctl df` prints: a row per environment (image, own layer, volumes, snapshots, built images) and totals.
import type { ProjectDiskUse } from '../../features/disk/summarize-disk-use.js';
import { formatBytes } from '../format-bytes.js';

const sum = (list: { sizeBytes?: number; uniqueBytes?: number }[], key: 'sizeBytes' | 'uniqueBytes'): number =>
  list.reduce((a, x) => a + Math.max(0, x[key] ?? 0), 0);

function counted(bytes: number, n: number): string {
  return n === 0 ? '-' : `${formatBytes(bytes)} (${n})`;
}

export function formatDiskUse(use: ProjectDiskUse): string {
  const rows = [['ENV', 'CONTAINER', 'IMAGE', 'IMAGE SIZE', 'OWN LAYER', 'VOLUMES', 'SNAPSHOTS', 'BUILT IMAGES']];
  for (const e of use.environments) {
    const where = e.host === undefined ? '' : ` @${e.host}`;
    rows.push([
      `${e.env}${e.inSpec ? '' : ' (not in spec)'}${where}`,
      e.container === null ? '-' : `${e.container} (${e.state})`,
      e.image?.ref ?? '-',
      e.image ? formatBytes(e.image.sizeBytes) : '-',
      e.container === null ? '-' : formatBytes(e.ownLayerBytes),
      counted(sum(e.volumes, 'sizeBytes'), e.volumes.length),
      counted(sum(e.snapshots, 'uniqueBytes'), e.snapshots.length),
      counted(sum(e.builtImages, 'uniqueBytes'), e.builtImages.length),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  if (use.environments.length === 0) lines.push('(no environments, containers, snapshots or built images)');
  if (use.unusedVolumes.length > 0) {
    lines.push('', `Volumes of the project no container mounts: ${use.unusedVolumes.map((v) => `${v.name} ${formatBytes(Math.max(0, v.sizeBytes))}`).join(', ')}`);
  }
  const t = use.totals;
  lines.push(
    '',
    `Total ${formatBytes(t.bytes)}: images ${formatBytes(t.imagesBytes)}, own layers ${formatBytes(t.ownLayersBytes)}, volumes ${formatBytes(t.volumesBytes)}, ` +
      `snapshots ${formatBytes(t.snapshotsBytes)}, built images ${formatBytes(t.builtImagesBytes)}`,
    '(images count once each, by the space only they use; snapshots and built images likewise)',
  );
  return lines.join('\n');
}
