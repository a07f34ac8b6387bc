// The plan carries the steps apply runs: a recreate is a chain of small steps whose order, edges and Ctrl-C handling
// the planner decides; every other action is one step; the action-level dependencies become edges between steps.
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../../src/cli/render/format-plan.js';
import { planDestroy } from '../../../src/plan/plan-destroy.js';
import { planToJson } from '../../../src/cli/render/plan-to-json.js';
import type { Step } from '../../../src/plan/plan-types.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { makeDesired, makeEnv, makeObserved, observeAs } from './build-state.js';

const edges = (steps: Step[]) => steps.map((s) => [s.id, s.dependsOn]);

describe('the steps of a plan', () => {
  it('a recreate is create-new → stop-old → remove-old → rename-new → start-new, after the pull of its new image', () => {
    const old = observeAs(makeEnv('a'));
    const plan = reconcile(makeDesired([makeEnv('a', { image: 'busybox:1.37' })]), makeObserved([old], { images: { 'busybox:1.37': false } }));
    expect(edges(plan.steps)).toEqual([
      ['pull image:busybox:1.37', []],
      ['recreate env:a/create-new', ['pull image:busybox:1.37']],
      ['recreate env:a/stop-old', ['recreate env:a/create-new']],
      ['recreate env:a/remove-old', ['recreate env:a/stop-old']],
      ['recreate env:a/rename-new', ['recreate env:a/remove-old']],
      ['recreate env:a/start-new', ['recreate env:a/rename-new']],
    ]);
    const step = (kind: string) => plan.steps.find((s) => s.kind === kind)!;
    // The new container exists before the old one is touched; Ctrl-C before the old one is stopped removes it again.
    expect(step('create-new')).toMatchObject({ action: 'recreate env:a', loadsEngine: true, undoneUnlessStarted: 'recreate env:a/stop-old' });
    expect(step('stop-old')).toMatchObject({ uses: 'recreate env:a/create-new', loadsEngine: false });
    expect(step('stop-old').finishesAfterInterrupt).toBeUndefined();
    // Once the old container is going, the recreate finishes even after Ctrl-C.
    for (const kind of ['remove-old', 'rename-new', 'start-new']) expect(step(kind)).toMatchObject({ uses: 'recreate env:a/create-new', finishesAfterInterrupt: true, loadsEngine: false });
    expect(step('pull').loadsEngine).toBe(true);
  });

  it('a recreate into the stopped state has nothing to start; with ssh it installs sshd, which loads the engine', () => {
    const stopped = reconcile(makeDesired([makeEnv('a', { state: 'stopped', shmSizeBytes: 1 << 27 })]), makeObserved([observeAs(makeEnv('a', { state: 'stopped' }))]));
    expect(stopped.steps.map((s) => s.kind)).toEqual(['create-new', 'stop-old', 'remove-old', 'rename-new']);
    const ssh = { port: 2222, hostIp: '127.0.0.1', user: 'root', install: 'auto', authorizedKeys: ['ssh-ed25519 AAAA x'] } as never;
    const withSsh = reconcile(makeDesired([makeEnv('a', { ssh, shmSizeBytes: 1 << 27 })]), makeObserved([observeAs(makeEnv('a', { ssh }))]));
    expect(withSsh.steps.at(-1)).toMatchObject({ kind: 'start-new', loadsEngine: true });
  });

  it('work kept in a snapshot is committed first, by a step of its own, on recreate and on destroy', () => {
    const old = observeAs(makeEnv('a'));
    const ownLayerChanges = { [old.id]: [{ path: '/work/notes.txt', kind: 'added' as const }] };
    const desired = { ...makeDesired([makeEnv('a', { shmSizeBytes: 1 << 27 })]), policies: { a: { onRecreate: 'snapshot' as const, ignoreChanges: [] } } };
    const recreate = reconcile(desired, makeObserved([old], { ownLayerChanges }));
    expect(edges(recreate.steps).slice(0, 2)).toEqual([
      ['recreate env:a/snapshot', []],
      ['recreate env:a/create-new', ['recreate env:a/snapshot']],
    ]);
    expect(recreate.steps[0]).toMatchObject({ kind: 'snapshot', loadsEngine: true });

    const destroy = planDestroy(makeObserved([old], { ownLayerChanges }), { volumes: false, volumeNames: [], policies: desired.policies });
    expect(destroy.actions[0]?.ownLayer?.snapshotTag).toBeDefined();
    expect(edges(destroy.steps)).toEqual([
      ['remove env:a/snapshot', []],
      ['remove env:a/remove', ['remove env:a/snapshot']],
    ]);
  });

  it('an action waits for the last step of each action it depends on; removes and other waits load nothing', () => {
    const db = makeEnv('db', { shmSizeBytes: 1 << 27 });
    const app = makeEnv('app', { networkMode: 'container:lab-db' });
    const plan = reconcile(makeDesired([app, db]), makeObserved([observeAs(makeEnv('db')), observeAs(app), observeAs(makeEnv('gone'))]));
    expect(plan.steps.find((s) => s.id === 'recreate env:app/create-new')?.dependsOn).toEqual(['recreate env:db/start-new']);
    expect(plan.steps.find((s) => s.id === 'remove env:gone')).toMatchObject({ kind: 'remove', dependsOn: [], loadsEngine: false });
  });

  it('--json lists the steps and their edges beside the actions; the text shows them only with --graph', () => {
    const plan = reconcile(makeDesired([makeEnv('a', { shmSizeBytes: 1 << 27 })]), makeObserved([observeAs(makeEnv('a'))]));
    const json = planToJson(plan);
    expect(json.actions.map((a) => a.id)).toEqual(['recreate env:a']);
    expect(json.steps).toEqual(plan.steps);
    expect(json.steps[0]).toEqual({ id: 'recreate env:a/create-new', action: 'recreate env:a', kind: 'create-new', dependsOn: [], loadsEngine: true, undoneUnlessStarted: 'recreate env:a/stop-old' });
    expect(formatPlan(plan, { color: false })).not.toContain('step ');
    expect(formatPlan(plan, { color: false, graph: true })).toContain('        step stop-old    after create-new\n');
  });
});
