// Image operations only the snapshot verbs need (list by label, save to a tar, load from one), in envctl's types.
// Apart from Engine so the planner/executor interface (and its unit-test fake) stays as small as it must be.

export interface LabelledImage {
  id: string;
  /** repo:tag references; empty for an untagged image. */
  tags: string[];
  labels: Record<string, string>;
  /** ISO time. */
  created: string;
  sizeBytes: number;
}

export interface TransferProgress {
  bytes: number;
  /** Known for a load (the file size), estimated for a save (the image size); null when unknown. */
  totalBytes: number | null;
}

export interface ImageArchive {
  /** Images carrying this label (`key` or `key=value`). */
  listImagesByLabel(label: string): Promise<LabelledImage[]>;
  /** `docker save REF -o file`; the tar keeps the tag, so a load restores it. A save that fails or is aborted (`signal`)
   *  leaves no partial file. */
  saveImage(ref: string, file: string, onProgress?: (p: TransferProgress) => void, signal?: AbortSignal): Promise<void>;
  /** `docker load -i file`; returns what the engine says it loaded ("repo:tag" or an image id). `signal` aborts the upload. */
  loadImages(file: string, onProgress?: (p: TransferProgress) => void, signal?: AbortSignal): Promise<string[]>;
}
