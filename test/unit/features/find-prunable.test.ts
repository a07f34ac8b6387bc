// What `envctl prune` may remove, from a /system/df answer: only the project's own leftovers, snapshots by the rules.
import { describe, expect, it } from 'vitest';
import type { DiskUsageReport, ImageUsage } from '../../../src/engine/disk-usage.js';
import { findPrunable } from '../../../src/features/disk/find-prunable.js';

const image = (id: string, labels: Record<string, string>, extra: Partial<ImageUsage> = {}): ImageUsage => ({
  id: `sha256:${id}`,
  tags: [],
  labels,
  created: '2026-01-01T00:00:00.000Z',
  sizeBytes: 100,
  sharedBytes: 40,
  containers: 0,
  ...extra,
});
const snap = (id: string, env: string, day: number): ImageUsage =>
  image(id, { 'dev.envctl.role': 'snapshot', 'dev.envctl.project': 'p', 'dev.envctl.env': env, 'dev.envctl.snapshot.created': `2026-01-${String(day).padStart(2, '0')}T00:00:00.000Z` }, { tags: [`envctl/p-${env}:s${day}`] });

const report: DiskUsageReport = {
  images: [
    image('a1', { 'dev.envctl.role': 'build', 'dev.envctl.project': 'p', 'dev.envctl.env': 'box' }),
    image('a2', { 'dev.envctl.role': 'build', 'dev.envctl.project': 'p', 'dev.envctl.env': 'box' }, { tags: ['p-box:latest'] }),
    image('a3', { 'dev.envctl.role': 'build', 'dev.envctl.project': 'p', 'dev.envctl.env': 'box' }, { containers: 1 }),
    image('b1', { 'dev.envctl.role': 'build', 'dev.envctl.project': 'q', 'dev.envctl.env': 'box' }),
    image('c1', {}),
    snap('s1', 'box', 1),
    snap('s2', 'box', 2),
    snap('s3', 'box', 3),
    snap('t1', 'other', 1),
  ],
  containers: [
    { id: 'o1', name: 'p-gone', labels: { 'dev.envctl.project': 'p', 'dev.envctl.env': 'gone', 'dev.envctl.role': 'env' }, imageId: 'x', state: 'exited', sizeRwBytes: 5, volumes: [] },
    { id: 'o2', name: 'p-up', labels: { 'dev.envctl.project': 'p', 'dev.envctl.env': 'up', 'dev.envctl.role': 'env' }, imageId: 'x', state: 'running', sizeRwBytes: 5, volumes: [] },
    { id: 'o3', name: 'p-box', labels: { 'dev.envctl.project': 'p', 'dev.envctl.env': 'box', 'dev.envctl.role': 'env' }, imageId: 'x', state: 'exited', sizeRwBytes: 5, volumes: [] },
    { id: 'o4', name: 'p-lock', labels: { 'dev.envctl.project': 'p', 'dev.envctl.role': 'lock' }, imageId: 'x', state: 'created', sizeRwBytes: 0, volumes: [] },
    { id: 'o5', name: 'q-gone', labels: { 'dev.envctl.project': 'q', 'dev.envctl.env': 'gone', 'dev.envctl.role': 'env' }, imageId: 'x', state: 'exited', sizeRwBytes: 5, volumes: [] },
  ],
  volumes: [],
};

describe('findPrunable', () => {
  it('lists the project’s dangling builds and stopped orphans only; no snapshot without --keep/--older-than', () => {
    const list = findPrunable(report, 'p', { specEnvs: ['box'] });
    expect(list.remove.map((i) => i.id)).toEqual(['o1', 'sha256:a1']);
    expect(list.remove.find((i) => i.id === 'sha256:a1')!.bytes).toBe(60);
    expect(list.kept.map((k) => k.what)).toEqual(['p-up', '<none> (a3)']);
  });
  it('without a spec no container is an orphan', () => {
    expect(findPrunable(report, 'p', { specEnvs: null }).remove.map((i) => i.kind)).toEqual(['build']);
  });
  it('--keep N keeps the N newest snapshots of each environment', () => {
    const ids = findPrunable(report, 'p', { specEnvs: ['box'], keep: 1 }).remove.filter((i) => i.kind === 'snapshot').map((i) => i.id);
    expect(ids).toEqual(['sha256:s2', 'sha256:s1']);
  });
  it('--older-than with --keep removes only what both allow', () => {
    const olderThan = new Date('2026-01-01T12:00:00.000Z');
    const ids = findPrunable(report, 'p', { specEnvs: ['box'], keep: 0, olderThan }).remove.filter((i) => i.kind === 'snapshot').map((i) => i.id);
    expect(ids.sort()).toEqual(['sha256:s1', 'sha256:t1']);
    const kept = findPrunable(report, 'p', { specEnvs: ['box'], keep: 3, olderThan }).remove.filter((i) => i.kind === 'snapshot');
    expect(kept).toEqual([]);
  });
});
