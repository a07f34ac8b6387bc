// What the engine says about disk use (`GET /system/df`, the numbers `docker system df -v` prints), in envctl's types,
// and the removals `envctl prune` / `destroy --images` need. Apart from Engine so the planner's interface stays small.

export interface ImageUsage {
  id: string;
  /** repo:tag references; empty for a dangling (untagged) image. */
  tags: string[];
  labels: Record<string, string>;
  /** ISO time. */
  created: string;
  /** Everything the image's layers take (docker's SIZE). */
  sizeBytes: number;
  /** The part of it other images share (docker's SHARED SIZE); sizeBytes - sharedBytes is docker's UNIQUE SIZE. */
  sharedBytes: number;
  /** Containers using it (docker's CONTAINERS). */
  containers: number;
}

export interface ContainerUsage {
  id: string;
  /** Without the leading slash. */
  name: string;
  labels: Record<string, string>;
  imageId: string;
  /** 'running', 'exited', 'created' … */
  state: string;
  /** The container's own (writable) layer: docker's SIZE. */
  sizeRwBytes: number;
  /** Names of the volumes it mounts (named and anonymous). */
  volumes: string[];
}

export interface VolumeUsage {
  name: string;
  labels: Record<string, string>;
  /** -1 when the driver cannot say (docker prints N/A). */
  sizeBytes: number;
}

export interface DiskUsageReport {
  images: ImageUsage[];
  containers: ContainerUsage[];
  volumes: VolumeUsage[];
}

export interface DiskUsage {
  /** ONE `GET /system/df` call: every image, container and volume on the engine with its size. */
  diskUsage(): Promise<DiskUsageReport>;
  /** Removes an image by id or a reference by name (a tag: the image goes with its last one); never forced. False
   *  when it was already gone. */
  removeImage(idOrRef: string): Promise<boolean>;
}
