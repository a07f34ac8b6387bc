// `envctl snapshots`: the images envctl committed, newest first, with where they came from.
import type { ImageArchive } from '../../engine/image-archive.js';
import {
  LABEL_ENV,
  LABEL_PROJECT,
  LABEL_ROLE,
  LABEL_SNAPSHOT_CREATED,
  LABEL_SNAPSHOT_MESSAGE,
  LABEL_SNAPSHOT_OF,
  LABEL_SNAPSHOT_SOURCE_IMAGE,
} from '../../engine/labels.js';

export interface SnapshotInfo {
  ref: string;
  id: string;
  project: string;
  env: string;
  container: string;
  sourceImage: string;
  created: string;
  message: string;
  sizeBytes: number;
}

export async function listSnapshots(engine: ImageArchive, project?: string): Promise<SnapshotInfo[]> {
  const images = await engine.listImagesByLabel(`${LABEL_ROLE}=snapshot`);
  const out = images.flatMap((img) => {
    const l = img.labels;
    if (project !== undefined && l[LABEL_PROJECT] !== project) return [];
    const base = {
      id: img.id.replace(/^sha256:/, '').slice(0, 12),
      project: l[LABEL_PROJECT] ?? '',
      env: l[LABEL_ENV] ?? '',
      container: l[LABEL_SNAPSHOT_OF] ?? '',
      sourceImage: l[LABEL_SNAPSHOT_SOURCE_IMAGE] ?? '',
      created: l[LABEL_SNAPSHOT_CREATED] ?? img.created,
      message: l[LABEL_SNAPSHOT_MESSAGE] ?? '',
      sizeBytes: img.sizeBytes,
    };
    // An image retagged or untagged since is still listed once per tag, or once as <none>.
    return (img.tags.length > 0 ? img.tags : ['<none>']).map((ref) => ({ ref, ...base }));
  });
  return out.sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : a.ref < b.ref ? -1 : 1));
}
