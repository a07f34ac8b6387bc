// `envctl df`: one project's disk use per environment — the image it runs, its container's own layer, the volumes it
// mounts, the snapshots and images envctl made for it — from the one `/system/df` answer, with totals. Pure.
import type { ContainerUsage, DiskUsageReport, ImageUsage } from '../../engine/disk-usage.js';
import { isEnvContainerRole, LABEL_ENV, LABEL_PROJECT, LABEL_ROLE, LABEL_SNAPSHOT_CREATED } from '../../engine/labels.js';

export interface ImageUse {
  /** The first repo:tag, or '<none>' for a dangling image. */
  ref: string;
  id: string;
  created: string;
  /** docker's SIZE. */
  sizeBytes: number;
  /** docker's UNIQUE SIZE (SIZE - SHARED SIZE): what removing the image frees. */
  uniqueBytes: number;
  /** Containers that use it. */
  containers: number;
}

export interface VolumeUse {
  name: string;
  /** -1 when the volume driver cannot say. */
  sizeBytes: number;
  anonymous: boolean;
}

export interface EnvDiskUse {
  env: string;
  /** False for an environment the spec no longer has (an orphan container, or snapshots/builds left of it). */
  inSpec: boolean;
  container: string | null;
  state: string | null;
  image: ImageUse | null;
  /** The container's own layer (docker's container SIZE); 0 without a container. */
  ownLayerBytes: number;
  volumes: VolumeUse[];
  snapshots: ImageUse[];
  /** Images envctl built for the environment; a dangling one was left by a rebuild. */
  builtImages: (ImageUse & { dangling: boolean })[];
  /** The `hosts:` entry it runs on; absent = the default engine. */
  host?: string;
}

export interface DiskTotals {
  /** Each image counted once, by its unique size (layers shared with other images are not counted). */
  imagesBytes: number;
  ownLayersBytes: number;
  volumesBytes: number;
  snapshotsBytes: number;
  builtImagesBytes: number;
  bytes: number;
}

export interface ProjectDiskUse {
  project: string;
  environments: EnvDiskUse[];
  /** Volumes labelled with the project that no container mounts. */
  unusedVolumes: VolumeUse[];
  totals: DiskTotals;
}

const ANONYMOUS = /^[0-9a-f]{64}$/;

export function imageUse(img: ImageUsage): ImageUse {
  return {
    ref: img.tags[0] ?? '<none>',
    id: img.id.replace(/^sha256:/, '').slice(0, 12),
    created: img.created,
    sizeBytes: img.sizeBytes,
    uniqueBytes: img.sizeBytes - img.sharedBytes,
    containers: img.containers,
  };
}

function roleOf(img: ImageUsage, project: string): string | null {
  return img.labels[LABEL_PROJECT] === project ? (img.labels[LABEL_ROLE] ?? null) : null;
}

/** The project's environment containers (not its lock, not a container someone ran from a snapshot). */
export function projectContainers(report: DiskUsageReport, project: string): ContainerUsage[] {
  return report.containers.filter((c) => c.labels[LABEL_PROJECT] === project && isEnvContainerRole(c.labels) && c.labels[LABEL_ENV] !== undefined);
}

export function summarizeDiskUse(report: DiskUsageReport, project: string, specEnvs: readonly string[]): ProjectDiskUse {
  const images = new Map(report.images.map((i) => [i.id, i]));
  const volumes = new Map(report.volumes.map((v) => [v.name, v]));
  const containers = projectContainers(report, project);
  const names = new Set([...specEnvs, ...containers.map((c) => c.labels[LABEL_ENV]!)]);
  const snapshots = report.images.filter((i) => roleOf(i, project) === 'snapshot');
  const builds = report.images.filter((i) => roleOf(i, project) === 'build');
  for (const i of [...snapshots, ...builds]) if (i.labels[LABEL_ENV]) names.add(i.labels[LABEL_ENV]);

  const environments = [...names].sort().map((env): EnvDiskUse => {
    const c = containers.find((x) => x.labels[LABEL_ENV] === env) ?? null;
    const img = c ? images.get(c.imageId) : undefined;
    const ofEnv = (list: ImageUsage[]): ImageUsage[] => list.filter((i) => i.labels[LABEL_ENV] === env);
    return {
      env,
      inSpec: specEnvs.includes(env),
      container: c?.name ?? null,
      state: c?.state ?? null,
      image: img ? imageUse(img) : null,
      ownLayerBytes: c?.sizeRwBytes ?? 0,
      volumes: (c?.volumes ?? []).map((name) => ({ name, sizeBytes: volumes.get(name)?.sizeBytes ?? -1, anonymous: ANONYMOUS.test(name) })),
      snapshots: ofEnv(snapshots)
        .sort((a, b) => (createdOf(a) < createdOf(b) ? 1 : -1))
        .map(imageUse),
      builtImages: ofEnv(builds).map((i) => ({ ...imageUse(i), dangling: i.tags.length === 0 })),
    };
  });

  const mounted = new Set(containers.flatMap((c) => c.volumes));
  const unusedVolumes = report.volumes
    .filter((v) => v.labels[LABEL_PROJECT] === project && !mounted.has(v.name))
    .map((v) => ({ name: v.name, sizeBytes: v.sizeBytes, anonymous: false }));
  return { project, environments, unusedVolumes, totals: totalsOf(environments, unusedVolumes) };
}

/** When the snapshot was taken (its label), else when the image was made. */
export function createdOf(img: ImageUsage): string {
  return img.labels[LABEL_SNAPSHOT_CREATED] ?? img.created;
}

export function totalsOf(environments: readonly EnvDiskUse[], unusedVolumes: readonly VolumeUse[]): DiskTotals {
  const once = (list: ImageUse[]): number => [...new Map(list.map((i) => [i.id, i.uniqueBytes])).values()].reduce((a, b) => a + b, 0);
  const made = new Set(environments.flatMap((e) => [...e.snapshots, ...e.builtImages].map((i) => i.id)));
  const imagesBytes = once(environments.flatMap((e) => (e.image && !made.has(e.image.id) ? [e.image] : [])));
  const ownLayersBytes = environments.reduce((sum, e) => sum + e.ownLayerBytes, 0);
  const vols = new Map([...environments.flatMap((e) => e.volumes), ...unusedVolumes].map((v) => [v.name, Math.max(0, v.sizeBytes)]));
  const volumesBytes = [...vols.values()].reduce((a, b) => a + b, 0);
  const snapshotsBytes = once(environments.flatMap((e) => e.snapshots));
  const builtImagesBytes = once(environments.flatMap((e) => e.builtImages));
  return { imagesBytes, ownLayersBytes, volumesBytes, snapshotsBytes, builtImagesBytes, bytes: imagesBytes + ownLayersBytes + volumesBytes + snapshotsBytes + builtImagesBytes };
}
