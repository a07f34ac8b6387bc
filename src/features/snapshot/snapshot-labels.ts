// The labels on every image envctl commits, so `docker images --filter label=dev.envctl.project=…` finds them and
// `envctl snapshots` can say where each came from.
import {
  LABEL_ENV,
  LABEL_PROJECT,
  LABEL_ROLE,
  LABEL_SNAPSHOT_CREATED,
  LABEL_SNAPSHOT_MESSAGE,
  LABEL_SNAPSHOT_OF,
  LABEL_SNAPSHOT_SOURCE_IMAGE,
} from '../../engine/labels.js';

export interface SnapshotLabelInput {
  project: string;
  envName: string;
  containerName: string;
  sourceImage: string;
  message: string;
  now: Date;
}

export function snapshotLabels(input: SnapshotLabelInput): Record<string, string> {
  return {
    [LABEL_ROLE]: 'snapshot',
    [LABEL_PROJECT]: input.project,
    [LABEL_ENV]: input.envName,
    [LABEL_SNAPSHOT_OF]: input.containerName,
    [LABEL_SNAPSHOT_SOURCE_IMAGE]: input.sourceImage,
    [LABEL_SNAPSHOT_CREATED]: input.now.toISOString(),
    [LABEL_SNAPSHOT_MESSAGE]: input.message,
  };
}
