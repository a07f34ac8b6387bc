// Which own-layer changes count as work, and how the planner marks a recreate that would lose them.
import { describe, expect, it } from 'vitest';
import { globToRegExp, significantChanges } from '../../../src/features/snapshot/significant-changes.js';
import { containersAtRisk, guardOwnLayer } from '../../../src/plan/guard-own-layer.js';
import type { Action } from '../../../src/plan/plan-types.js';
import type { ObservedState } from '../../../src/plan/observed-state.js';

const added = (path: string) => ({ path, kind: 'added' as const });
const changed = (path: string) => ({ path, kind: 'changed' as const });

describe('significant own-layer changes', () => {
  it('globs: ** spans directories, * stays in one segment, a bare name matches at any depth', () => {
    expect(globToRegExp('/tmp/**').test('/tmp')).toBe(true);
    expect(globToRegExp('/tmp/**').test('/tmp/a/b')).toBe(true);
    expect(globToRegExp('/tmp/**').test('/tmpfile')).toBe(false);
    expect(globToRegExp('/work/*.log').test('/work/a.log')).toBe(true);
    expect(globToRegExp('/work/*.log').test('/work/x/a.log')).toBe(false);
    expect(globToRegExp('.bash_history').test('/home/al/.bash_history')).toBe(true);
  });

  it('runtime noise, parents of other changes and mount targets do not count; work does', () => {
    const raw = [changed('/root'), added('/root/.bash_history'), changed('/tmp'), added('/tmp/x'), added('/home'), added('/home/data'),
      added('/work'), added('/work/train.py'), changed('/etc/motd')];
    const engine = { mounts: ['/home/data'], dirs: [] };
    expect(significantChanges(raw, [], engine).map((c) => c.path)).toEqual(['/etc/motd', '/work/train.py']);
    expect(significantChanges(raw, ['/work/**'], engine).map((c) => c.path)).toEqual(['/etc/motd']);
  });
});

describe('guardOwnLayer', () => {
  const recreate = (): Action => ({
    id: 'recreate env:box', kind: 'recreate', resource: 'env:box', cause: 'shm', diff: [], dependsOn: [],
    env: {} as never, specHash: 'h', containerId: 'abcdef1234567890', containerName: 'lab-box',
  });
  const observed = (changes: ReturnType<typeof added>[]): ObservedState => ({
    project: 'lab', containers: [], foreignNames: {}, images: {}, volumes: {}, ownLayerChanges: { abcdef1234567890: changes },
  });

  it('only recreate/remove containers are read, so a no-op plan reads none', () => {
    expect(containersAtRisk([])).toEqual([]);
    expect(containersAtRisk([recreate()])).toEqual(['abcdef1234567890']);
  });

  it('refuse by default; snapshot names a tag derived from the container, so a re-run after a crash reuses it', () => {
    const a = recreate();
    guardOwnLayer([a], observed([added('/work/a.py')]), {});
    expect(a.ownLayer).toEqual({ count: 1, paths: ['/work/a.py'], policy: 'refuse' });
    const b = recreate();
    guardOwnLayer([b], observed([added('/work/a.py')]), { box: { onRecreate: 'snapshot', ignoreChanges: [] } });
    expect(b.ownLayer?.snapshotTag).toBe('envctl/lab-box:before-recreate-abcdef123456');
  });

  it('nothing is marked when only noise changed', () => {
    const a = recreate();
    guardOwnLayer([a], observed([added('/tmp/x'), added('/root/.ash_history')]), {});
    expect(a.ownLayer).toBeUndefined();
  });
});
