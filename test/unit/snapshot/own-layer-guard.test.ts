// Which own-layer changes count as work, and how the planner marks a recreate that would lose them.
import { describe, expect, it } from 'vitest';
import { globToRegExp, significantChanges } from '../../../src/plan/significant-changes.js';
import { containersAtRisk, guardOwnLayer } from '../../../src/plan/guard-own-layer.js';
import type { Action } from '../../../src/plan/plan-types.js';
import type { ObservedState } from '../../../src/plan/observed-state.js';
import { resolveEnginePaths } from '../../../src/features/snapshot/resolve-engine-paths.js';
import { formatOwnLayer } from '../../../src/cli/render/format-own-layer.js';
import { refuseLostWork } from '../../../src/app/refuse-lost-work.js';

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

describe("what the engine made is not the user's work", () => {
  const deleted = (path: string) => ({ path, kind: 'deleted' as const });
  const engine = { mounts: ['/sbin/docker-init', '/opt/devnull', '/data'], dirs: ['/work/wd'] };

  it('mount points and all below them, and the empty working dir, do not count; work next to them does', () => {
    const untouched = [added('/sbin'), added('/sbin/docker-init'), added('/opt'), added('/opt/devnull'), added('/data'), added('/work'), added('/work/wd')];
    expect(significantChanges(untouched, [], engine)).toEqual([]);
    const worked = [...untouched, added('/sbin/mine'), added('/opt/mine'), added('/work/wd/notes.txt'), added('/work/other')];
    expect(significantChanges(worked, [], engine).map((c) => c.path)).toEqual(['/opt/mine', '/sbin/mine', '/work/other', '/work/wd/notes.txt']);
  });

  it('a working dir the user changed or deleted (not one the engine added) still counts', () => {
    expect(significantChanges([changed('/work/wd')], [], engine).map((c) => c.path)).toEqual(['/work/wd']);
    expect(significantChanges([deleted('/work/wd')], [], engine).map((c) => c.path)).toEqual(['/work/wd']);
  });
});

describe('resolveEnginePaths (merged /usr: /sbin → /usr/sbin)', () => {
  function linkingEngine(links: Record<string, string>) {
    const asked: string[] = [];
    return {
      asked,
      linkTarget: (_id: string, path: string): Promise<string | null> => {
        asked.push(path);
        return Promise.resolve(links[path] ?? '');
      },
    };
  }
  const paths = { mounts: ['/sbin/docker-init', '/deep/a/target'], dirs: [] };

  it('finds the real path of a mount point listed under its real folder, asking only about that one', async () => {
    const engine = linkingEngine({ '/sbin': '/usr/sbin' });
    const changes = [changed('/usr'), changed('/usr/sbin'), added('/usr/sbin/docker-init'), added('/deep'), added('/deep/a'), added('/deep/a/target')];
    const resolved = await resolveEnginePaths(engine, 'id', paths, changes);
    expect(resolved.mounts).toEqual(['/deep/a/target', '/sbin/docker-init', '/usr/sbin/docker-init']);
    expect(engine.asked).toEqual(['/sbin']);
    expect(significantChanges(changes, [], resolved)).toEqual([]);
  });

  it('asks nothing when every change is explained by its literal path, or for an engine that cannot', async () => {
    const engine = linkingEngine({});
    const changes = [added('/sbin'), added('/sbin/docker-init'), added('/work/x.py')];
    expect(await resolveEnginePaths(engine, 'id', paths, changes)).toBe(paths);
    expect(engine.asked).toEqual([]);
    expect(await resolveEnginePaths({}, 'id', paths, [added('/usr/sbin/docker-init')])).toBe(paths);
  });
});

describe("destroy's refusal speaks for destroy", () => {
  it('names destroy, not apply, in the plan line and the error', () => {
    const risk = { count: 1, paths: ['/work/notes.txt'], policy: 'refuse' as const };
    expect(formatOwnLayer(risk, 'destroy')).toBe('would lose 1 changed path: /work/notes.txt — destroy refuses (on_recreate: snapshot | discard, or destroy --discard-changes)');
    expect(formatOwnLayer(risk)).toContain('— apply refuses');
    const plan = { project: 'lab', actions: [{ id: 'remove env:box', kind: 'remove' as const, resource: 'env:box', cause: '', diff: [], dependsOn: [], containerId: 'x', containerName: 'lab-box', ownLayer: risk }], conflicts: [], warnings: [], unchanged: [], observedFingerprint: '' };
    expect(() => refuseLostWork(plan, false, 'destroy')).toThrow('destroy refuses to remove work: env:box would lose 1 changed path (listed above); nothing was removed');
    expect(() => refuseLostWork(plan, true, 'destroy')).not.toThrow();
  });
});
