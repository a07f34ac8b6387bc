// A bind source missing on the engine's machine is warned about for the containers a plan makes, and only when
// observe could check (the engine is local): never for an untouched container, never when it could not look.
import { describe, expect, it } from 'vitest';
import { reconcile } from '../../../src/plan/reconcile.js';
import { makeDesired, makeEnv, makeObserved, observeAs } from './build-state.js';

const bind = (source: string) => ({ type: 'bind' as const, source, target: '/data', readOnly: false });
const warning = (env: string, path: string) =>
  `env:${env} mounts ${path}, which does not exist: docker would create it as an empty directory owned by root (even if a file was meant)`;

describe('bind sources that do not exist', () => {
  const fresh = makeEnv('fresh', { mounts: [bind('/srv/missing')] });
  const kept = makeEnv('kept', { mounts: [bind('/srv/missing')] });
  const desired = makeDesired([fresh, kept]);

  it('are warned about for a container the plan creates or recreates, not for one it leaves alone', () => {
    const plan = reconcile(desired, makeObserved([observeAs(kept)], { missingBindSources: ['/srv/missing'] }));
    expect(plan.warnings).toEqual([warning('fresh', '/srv/missing')]);
    const recreate = reconcile(desired, makeObserved([observeAs({ ...kept, shmSizeBytes: 1 })], { missingBindSources: ['/srv/missing'] }));
    expect(recreate.warnings).toEqual([warning('fresh', '/srv/missing'), warning('kept', '/srv/missing')]);
  });

  it('say nothing when they could not be checked (an engine on another machine)', () => {
    expect(reconcile(desired, makeObserved([])).warnings).toEqual([]);
  });
});
