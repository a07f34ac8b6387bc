// `destroy --images`: once the project's containers are gone, remove every image envctl built for it (tagged or left
// dangling by a rebuild), found by envctl's labels on them; an image a container still uses stays, named.
import type { DiskUsage } from '../engine/disk-usage.js';
import { LABEL_PROJECT, LABEL_ROLE } from '../engine/labels.js';
import { toEnvctlError } from '../engine/engine-errors.js';
import { imageItem } from '../features/disk/find-prunable.js';

export interface RemovedImages {
  removed: { image: string; bytes: number }[];
  kept: { image: string; reason: string }[];
  freedBytes: number;
}

export async function removeBuiltImages(engine: DiskUsage & { endpoint: string }, project: string): Promise<RemovedImages> {
  const report = await engine.diskUsage();
  const built = report.images.filter((i) => i.labels[LABEL_PROJECT] === project && i.labels[LABEL_ROLE] === 'build');
  const out: RemovedImages = { removed: [], kept: [], freedBytes: 0 };
  for (const img of built) {
    const { what: image, targets, bytes } = imageItem('build', img);
    if (img.containers > 0) {
      out.kept.push({ image, reason: 'a container uses it' });
      continue;
    }
    try {
      for (const target of targets) await engine.removeImage(target);
      out.removed.push({ image, bytes });
      out.freedBytes += bytes;
    } catch (err) {
      out.kept.push({ image, reason: toEnvctlError(err, { endpoint: engine.endpoint, doing: `remove image ${image}` }).message });
    }
  }
  return out;
}
