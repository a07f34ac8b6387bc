// What `apply FILE` says changed since a saved plan was made: containers stopped, started, paused, removed, replaced
// or created by hand, a changed configuration, else the actions that differ now; nothing when all agrees.
import { describe, expect, it } from 'vitest';
import type { ObservedContainer } from '../../../src/engine/engine.js';
import type { Plan } from '../../../src/plan/plan-types.js';
import { engineChanges, type SavedEnginePart } from '../../../src/app/saved-plan-changes.js';
import { recordContainers } from '../../../src/app/saved-plan-record.js';

const container = (env: string, id: string, status: ObservedContainer['status'], exitCode = 0): ObservedContainer =>
  ({ id, name: `p-${env}`, envName: env, status, exitCode, specHash: 'h', project: 'p' }) as ObservedContainer;

const plan = (ids: string[], fingerprint = 'f'): Plan => ({
  project: 'p',
  actions: ids.map((id) => ({ id, kind: 'create', resource: id.split(' ')[1]!, cause: '', diff: [], dependsOn: [] })) as unknown as Plan['actions'],
  steps: [],
  conflicts: [],
  warnings: [],
  unchanged: [],
  observedFingerprint: fingerprint,
});

function saved(containers: ObservedContainer[], ids: string[] = []): SavedEnginePart {
  const p = plan(ids);
  return { containers: recordContainers(containers), observedFingerprint: 'f', plan: { actions: p.actions.map((a) => ({ ...a })), steps: [] } };
}

describe('engineChanges', () => {
  const web = container('web', 'a1', 'running');
  const db = container('db', 'b1', 'running');

  it('finds nothing when the containers and the plan are the same', () => {
    expect(engineChanges(saved([web, db], ['create env:x']), plan(['create env:x']), [db, web])).toEqual([]);
  });

  it('names each container changed by hand, in plain words (by container name)', () => {
    const now = [
      container('web', 'a1', 'exited', 137),
      container('db', 'b2', 'running'),
      container('new', 'c1', 'created'),
      container('cache', 'd1', 'paused'),
    ];
    const before = [web, db, container('gone', 'e1', 'running'), container('cache', 'd1', 'running'), container('idle', 'f1', 'exited')];
    expect(engineChanges(saved(before), plan([]), [...now, container('idle', 'f1', 'running')])).toEqual([
      'env:cache was paused since the plan was made',
      'env:db was replaced by a new container since the plan was made',
      'env:gone was removed since the plan was made',
      'env:idle was started by hand since the plan was made',
      'env:web was stopped by hand since the plan was made',
      'a container env:new was created since the plan was made',
    ]);
  });

  it('tells a container that exited by itself from one stopped', () => {
    expect(engineChanges(saved([web]), plan([]), [container('web', 'a1', 'exited', 2)])).toEqual(['env:web exited (code 2) since the plan was made']);
  });

  it('names a changed configuration, then actions that differ now', () => {
    expect(engineChanges(saved([web]), plan([], 'other'), [web])).toEqual([
      'the configuration of a container of the project changed since the plan was made',
    ]);
    expect(engineChanges(saved([web], ['pull image:x', 'create env:x']), plan(['create env:x', 'create env:y']), [web])).toEqual([
      'the engine changed since the plan was made: it would now also create env:y; it would no longer pull image:x',
    ]);
  });
});
