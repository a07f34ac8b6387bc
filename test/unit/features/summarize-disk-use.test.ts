// `envctl df`'s summary from a /system/df answer: per environment, only this project's objects, images counted once.
import { describe, expect, it } from 'vitest';
import type { DiskUsageReport } from '../../../src/engine/disk-usage.js';
import { summarizeDiskUse } from '../../../src/features/disk/summarize-disk-use.js';

const env = (project: string, name: string) => ({ 'dev.envctl.project': project, 'dev.envctl.env': name, 'dev.envctl.role': 'env' });
const img = (id: string, labels: Record<string, string>, size: number, shared: number, tags: string[] = []) => ({
  id: `sha256:${id.padEnd(64, '0')}`,
  tags,
  labels,
  created: '2026-01-01T00:00:00.000Z',
  sizeBytes: size,
  sharedBytes: shared,
  containers: 0,
});

const report: DiskUsageReport = {
  images: [
    img('base', {}, 1000, 400, ['base:1']),
    img('built', { 'dev.envctl.project': 'p', 'dev.envctl.env': 'a', 'dev.envctl.role': 'build' }, 1500, 1000, ['p-a:latest']),
    img('old', { 'dev.envctl.project': 'p', 'dev.envctl.env': 'a', 'dev.envctl.role': 'build' }, 1400, 1000),
    img('snap', { 'dev.envctl.project': 'p', 'dev.envctl.env': 'gone', 'dev.envctl.role': 'snapshot' }, 1200, 1000, ['envctl/p-gone:s1']),
    img('other', { 'dev.envctl.project': 'q', 'dev.envctl.env': 'a', 'dev.envctl.role': 'build' }, 9999, 0),
  ],
  containers: [
    { id: 'c1', name: 'p-a', labels: env('p', 'a'), imageId: `sha256:${'built'.padEnd(64, '0')}`, state: 'running', sizeRwBytes: 10, volumes: ['p-data', 'f'.repeat(64)] },
    { id: 'c2', name: 'p-b', labels: env('p', 'b'), imageId: `sha256:${'base'.padEnd(64, '0')}`, state: 'exited', sizeRwBytes: 20, volumes: ['p-data'] },
    { id: 'c3', name: 'q-a', labels: env('q', 'a'), imageId: 'x', state: 'running', sizeRwBytes: 999, volumes: [] },
    { id: 'c4', name: 'p-lock', labels: { 'dev.envctl.project': 'p', 'dev.envctl.role': 'lock' }, imageId: 'x', state: 'created', sizeRwBytes: 0, volumes: [] },
  ],
  volumes: [
    { name: 'p-data', labels: { 'dev.envctl.project': 'p' }, sizeBytes: 300 },
    { name: 'f'.repeat(64), labels: {}, sizeBytes: 7 },
    { name: 'p-spare', labels: { 'dev.envctl.project': 'p' }, sizeBytes: 50 },
    { name: 'q-data', labels: { 'dev.envctl.project': 'q' }, sizeBytes: 5000 },
  ],
};

describe('summarizeDiskUse', () => {
  const use = summarizeDiskUse(report, 'p', ['a', 'b', 'c']);
  it('lists the spec’s environments and those envctl still holds something of, nothing of another project', () => {
    expect(use.environments.map((e) => [e.env, e.inSpec, e.container])).toEqual([
      ['a', true, 'p-a'],
      ['b', true, 'p-b'],
      ['c', true, null],
      ['gone', false, null],
    ]);
  });
  it('gives each environment its image, own layer, volumes, builds and snapshots', () => {
    const a = use.environments[0]!;
    expect(a.image).toMatchObject({ ref: 'p-a:latest', sizeBytes: 1500, uniqueBytes: 500 });
    expect(a.ownLayerBytes).toBe(10);
    expect(a.volumes).toEqual([
      { name: 'p-data', sizeBytes: 300, anonymous: false },
      { name: 'f'.repeat(64), sizeBytes: 7, anonymous: true },
    ]);
    expect(a.builtImages.map((i) => [i.ref, i.dangling])).toEqual([
      ['p-a:latest', false],
      ['<none>', true],
    ]);
    expect(use.environments[3]!.snapshots.map((s) => s.ref)).toEqual(['envctl/p-gone:s1']);
    expect(use.unusedVolumes.map((v) => v.name)).toEqual(['p-spare']);
  });
  it('totals count each image and volume once, a built image under builds only', () => {
    expect(use.totals).toEqual({
      imagesBytes: 600,
      ownLayersBytes: 30,
      volumesBytes: 357,
      snapshotsBytes: 200,
      builtImagesBytes: 900,
      bytes: 600 + 30 + 357 + 200 + 900,
    });
  });
});
