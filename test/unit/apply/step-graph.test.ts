// The executor runs the plan's graph of steps: what loads the engine waits for a slot, what only waits (a stop for
// its grace period) does not, and Ctrl-C between a recreate's steps undoes exactly what the plan says.
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../../src/apply/execute-plan.js';
import { Interruption } from '../../../src/errors/interrupted.js';
import type { FakeCall } from '../support/fake-engine.js';
import { FakeEngine } from '../support/fake-engine.js';
import { IMAGE, makeEnv, makePlan, recreate, remove } from './plan-builders.js';

/** The most calls in flight at once (reached at some call's start). */
function peak(calls: FakeCall[]): number {
  const inFlightAt = (t: number) => calls.filter((o) => o.startedAt <= t && t < o.endedAt!).length;
  return Math.max(...calls.map((c) => inFlightAt(c.startedAt)));
}

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];

function recreateAll(fake: FakeEngine) {
  fake.addImage(IMAGE);
  const old = NAMES.map((n) => fake.addContainer(makeEnv(n), { status: 'running', specHash: 'old' }));
  return makePlan(NAMES.map((n, i) => recreate(makeEnv(n, { shmSizeBytes: 1 << 27 }), old[i]!)));
}

describe('the step scheduler', () => {
  it('removes only wait for the engine, so all of them run at once whatever the limit (destroy)', async () => {
    const fake = new FakeEngine();
    const ids = NAMES.map((n) => fake.addContainer(makeEnv(n), { status: 'running' }));
    fake.slowDown('stopContainer', 40);
    const plan = makePlan(NAMES.map((n, i) => remove(n, ids[i]!, `lab-${n}`)));

    const result = await executePlan(plan, fake, { renderer: 'silent', concurrency: 2 });

    expect(result.ok).toBe(true);
    expect(peak(fake.callsTo('stopContainer'))).toBe(NAMES.length);
    expect(fake.containerNames()).toEqual([]);
  });

  it('a recreate of many takes an engine slot for each create, none for the stops', async () => {
    const fake = new FakeEngine();
    const plan = recreateAll(fake);
    fake.slowDown('createContainer', 10);
    fake.slowDown('stopContainer', 80);

    const result = await executePlan(plan, fake, { renderer: 'silent', concurrency: 2 });

    expect(result.results.map((r) => r.status)).toEqual(NAMES.map(() => 'done'));
    expect(peak(fake.callsTo('createContainer'))).toBe(2);
    // Each stop began as soon as its own new container existed: all six overlapped.
    expect(peak(fake.callsTo('stopContainer'))).toBe(NAMES.length);
    expect(fake.containerNames()).toEqual(NAMES.map((n) => `lab-${n}`));
    // One result per action, naming the new container.
    expect(result.results.map((r) => r.containerId)).toEqual(NAMES.map((n) => fake.container(`lab-${n}`)!.id));
  });

  it('Ctrl-C while creates wait for a slot: those recreates are not started, the one whose old container is going finishes', async () => {
    const fake = new FakeEngine();
    const plan = recreateAll(fake);
    const controller = new AbortController();
    // The signal comes while the first old container is being stopped; other creates are waiting for the one slot.
    fake.slowDown('stopContainer', 20, { when: () => (controller.abort(new Interruption('SIGINT')), true) });

    const result = await executePlan(plan, fake, { renderer: 'silent', concurrency: 1, randomHex: () => 'abc123', signal: controller.signal });

    const statuses = result.results.map((r) => r.status);
    expect(statuses[0]).toBe('done');
    // b's create took the slot a's create freed, as the signal came: it ends rolled back (or never began).
    expect(['rolled-back', 'skipped']).toContain(statuses[1]);
    expect(statuses.slice(2)).toEqual(NAMES.slice(2).map(() => 'skipped'));
    expect(result.results.filter((r) => r.status === 'skipped').every((r) => r.error?.message === 'not started (interrupted)')).toBe(true);
    expect(fake.containerNames()).toEqual(NAMES.map((n) => `lab-${n}`));
    expect(fake.container('lab-a')?.specHash).toBe('hash2-a');
    for (const n of NAMES.slice(1)) expect(fake.container(`lab-${n}`)).toMatchObject({ status: 'running', specHash: 'old' });
  });

  it('a step that fails skips the rest of its action and every action that waits for it, naming the action', async () => {
    const fake = new FakeEngine();
    fake.addImage(IMAGE);
    const oldA = fake.addContainer(makeEnv('a'), { status: 'running' });
    const oldB = fake.addContainer(makeEnv('b'), { status: 'running' });
    fake.failOn('renameContainer', new Error('renaming is not supported'));
    const plan = makePlan([recreate(makeEnv('a', { cpus: 2 }), oldA), recreate(makeEnv('b', { cpus: 2 }), oldB, ['recreate env:a'])]);

    const result = await executePlan(plan, fake, { renderer: 'silent', randomHex: () => 'abc123' });

    expect(result.results.map((r) => [r.status, r.error?.message])).toEqual([
      ['failed', 'the old container lab-a was removed, but the new container lab-a-envctl-abc123 could not be renamed to lab-a: renaming is not supported'],
      ['skipped', 'skipped: recreate env:a failed'],
    ]);
    expect(fake.callsTo('startContainer')).toHaveLength(0);
    expect(fake.container('lab-b')?.id).toBe(oldB);
  });
});
