// The executor's story: independent environments converge even when one fails, dependents wait or are skipped, and
// independent work overlaps.
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../../src/apply/execute-plan.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import { FakeEngine, type FakeCall } from '../support/fake-engine.js';
import { create, createVolume, IMAGE, lifecycle, makeEnv, makePlan, pull } from './plan-builders.js';

const silent = { renderer: 'silent' } as const;

function only(calls: FakeCall[]): FakeCall {
  expect(calls).toHaveLength(1);
  return calls[0]!;
}

function createCallFor(fake: FakeEngine, name: string): FakeCall {
  return only(fake.callsTo('createContainer').filter((c) => c.args[0] === name));
}

describe('executePlan', () => {
  it('brings a fresh project up: pulls, creates volumes, creates and starts every environment', async () => {
    const fake = new FakeEngine();
    const a = makeEnv('a', { mounts: [{ type: 'volume', source: 'home', target: '/root', readOnly: false }] });
    const b = makeEnv('b');
    const plan = makePlan([
      pull(IMAGE),
      createVolume('home'),
      create(a, [`pull image:${IMAGE}`, 'create-volume volume:home']),
      create(b, [`pull image:${IMAGE}`]),
    ]);

    const result = await executePlan(plan, fake, silent);

    expect(result.ok).toBe(true);
    expect(result.results.map((r) => [r.id, r.status])).toEqual([
      [`pull image:${IMAGE}`, 'done'],
      ['create-volume volume:home', 'done'],
      ['create env:a', 'done'],
      ['create env:b', 'done'],
    ]);
    expect(fake.hasVolume('home')).toBe(true);
    expect(fake.container('lab-a')?.status).toBe('running');
    expect(fake.container('lab-b')?.status).toBe('running');
    // The result names the container each create made, so callers can report it.
    expect(result.results[2]?.containerId).toBe(fake.container('lab-a')?.id);
  });

  it('a create waits for its pull and its volumes, while an independent create goes ahead', async () => {
    const fake = new FakeEngine();
    fake.addImage('other/image:2');
    fake.slowDown('pullImage', 60);
    fake.slowDown('createVolume', 40);
    const plan = makePlan([
      pull(IMAGE),
      createVolume('home'),
      create(makeEnv('a'), [`pull image:${IMAGE}`, 'create-volume volume:home']),
      create(makeEnv('c', { image: 'other/image:2' })),
    ]);

    const result = await executePlan(plan, fake, silent);

    expect(result.ok).toBe(true);
    const pullCall = only(fake.callsTo('pullImage'));
    const volumeCall = only(fake.callsTo('createVolume'));
    const createA = createCallFor(fake, 'lab-a');
    const createC = createCallFor(fake, 'lab-c');
    expect(createA.startedAt).toBeGreaterThanOrEqual(pullCall.endedAt!);
    expect(createA.startedAt).toBeGreaterThanOrEqual(volumeCall.endedAt!);
    // c depends on nothing: it did not wait for the slow pull.
    expect(createC.endedAt!).toBeLessThan(pullCall.endedAt!);
  });

  it('runs independent environments at the same time', async () => {
    const fake = new FakeEngine();
    fake.addImage(IMAGE);
    fake.slowDown('createContainer', 80);
    const plan = makePlan(['a', 'b', 'c', 'd'].map((n) => create(makeEnv(n))));

    const began = performance.now();
    const result = await executePlan(plan, fake, silent);
    const elapsed = performance.now() - began;

    expect(result.ok).toBe(true);
    const creates = fake.callsTo('createContainer');
    expect(creates).toHaveLength(4);
    // All four were in flight together: the last one began before the first one ended.
    const lastStart = Math.max(...creates.map((c) => c.startedAt));
    const firstEnd = Math.min(...creates.map((c) => c.endedAt!));
    expect(lastStart).toBeLessThan(firstEnd);
    expect(elapsed).toBeLessThan(4 * 80);
  });

  it('never has more actions in flight than the concurrency limit', async () => {
    const fake = new FakeEngine();
    fake.addImage(IMAGE);
    fake.slowDown('createContainer', 30);
    const plan = makePlan(['a', 'b', 'c', 'd', 'e'].map((n) => create(makeEnv(n))));

    const result = await executePlan(plan, fake, { renderer: 'silent', concurrency: 2 });

    expect(result.ok).toBe(true);
    const creates = fake.callsTo('createContainer');
    // The most calls in flight at any moment is reached at some call's start.
    const inFlightAt = (t: number) => creates.filter((o) => o.startedAt <= t && t < o.endedAt!).length;
    const peak = Math.max(...creates.map((c) => inFlightAt(c.startedAt)));
    expect(peak).toBe(2);
  });

  it('does not deadlock when every slot is taken by actions waiting for an earlier one', async () => {
    // With concurrency 1 and 2 the waiting creates fill the slots; in-order start + backward deps keep this safe.
    const envs = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => makeEnv(n));
    const plan = makePlan([pull(IMAGE), ...envs.map((e) => create(e, [`pull image:${IMAGE}`]))]);

    for (const concurrency of [1, 2]) {
      const engine = new FakeEngine();
      engine.slowDown('pullImage', 30);
      const result = await executePlan(plan, engine, { renderer: 'silent', concurrency });
      expect(result.ok).toBe(true);
      expect(engine.containerNames()).toEqual(envs.map((e) => e.containerName));
    }
  });

  it('keeps going after a failure even when actions run one at a time', async () => {
    const fake = new FakeEngine();
    fake.addImage(IMAGE);
    fake.failOn('createContainer', new EnvctlError('engine', 'bad config'), { when: (name) => name === 'lab-a' });
    const plan = makePlan(['a', 'b', 'c'].map((n) => create(makeEnv(n))));

    const result = await executePlan(plan, fake, { renderer: 'silent', concurrency: 1 });

    expect(result.results.map((r) => r.status)).toEqual(['failed', 'done', 'done']);
  });

  it('one environment failing does not stop the others, and its cause is reported with the hint', async () => {
    const fake = new FakeEngine();
    fake.addImage(IMAGE);
    fake.failOn('createContainer', new EnvctlError('engine', 'invalid mount config for type "bind": bind source path does not exist: /nope', { hint: 'create the folder or fix the path' }), {
      when: (name) => name === 'lab-b',
    });
    const plan = makePlan(['a', 'b', 'c'].map((n) => create(makeEnv(n))));

    const result = await executePlan(plan, fake, silent);

    expect(result.ok).toBe(false);
    expect(result.results.map((r) => r.status)).toEqual(['done', 'failed', 'done']);
    expect(result.results[1]?.error).toEqual({
      code: 'engine',
      message: 'could not create container lab-b: invalid mount config for type "bind": bind source path does not exist: /nope',
      hint: 'create the folder or fix the path',
    });
    expect(fake.containerNames()).toEqual(['lab-a', 'lab-c']);
    expect(fake.container('lab-c')?.status).toBe('running');
  });

  it('actions that depend on a failed one are skipped with the reason, and the skip carries down the chain', async () => {
    const fake = new FakeEngine();
    fake.addImage('other/image:2');
    fake.failOn('pullImage', new EnvctlError('not-found', `pull access denied for ${IMAGE}`));
    const a = makeEnv('a');
    const plan = makePlan([
      pull(IMAGE),
      create(a, [`pull image:${IMAGE}`]),
      lifecycle('pause', 'a', 'later', ['create env:a']),
      create(makeEnv('c', { image: 'other/image:2' })),
    ]);

    const result = await executePlan(plan, fake, silent);

    expect(result.ok).toBe(false);
    expect(result.results.map((r) => [r.id, r.status, r.error?.message])).toEqual([
      [`pull image:${IMAGE}`, 'failed', `pull access denied for ${IMAGE}`],
      ['create env:a', 'skipped', `skipped: pull image:${IMAGE} failed`],
      // Two steps away it still names the failure that started it.
      ['pause env:a', 'skipped', `skipped: pull image:${IMAGE} failed`],
      ['create env:c', 'done', undefined],
    ]);
    expect(result.results[1]?.error?.code).toBe('skipped');
    // Nothing was attempted for the skipped actions.
    expect(fake.callsTo('createContainer').map((c) => c.args[0])).toEqual(['lab-c']);
    expect(fake.callsTo('pauseContainer')).toHaveLength(0);
  });

  it('reports an unexpected error by its message, never its stack', async () => {
    const fake = new FakeEngine();
    const id = fake.addContainer(makeEnv('a'), { status: 'exited' });
    fake.failOn('startContainer', new TypeError('socket hang up'));

    const result = await executePlan(makePlan([lifecycle('start', 'a', id)]), fake, silent);

    expect(result.ok).toBe(false);
    expect(result.results[0]?.error).toEqual({ code: 'internal', message: 'socket hang up' });
  });

  it('a failed action still reports how long it took, and ok is true only when everything is done', async () => {
    const fake = new FakeEngine();
    fake.slowDown('pullImage', 20);
    fake.failOn('pullImage', new EnvctlError('engine', 'registry unreachable'));

    const result = await executePlan(makePlan([pull(IMAGE)]), fake, silent);

    expect(result.ok).toBe(false);
    expect(result.results[0]?.durationMs).toBeGreaterThanOrEqual(15);
  });

  it('an empty plan succeeds without touching the engine', async () => {
    const fake = new FakeEngine();
    expect(await executePlan(makePlan([]), fake, silent)).toEqual({ ok: true, results: [] });
    expect(fake.calls).toHaveLength(0);
  });

  it('refuses a plan whose dependencies point forward, before any engine call', async () => {
    const fake = new FakeEngine();
    const plan = makePlan([create(makeEnv('a'), [`pull image:${IMAGE}`]), pull(IMAGE)]);

    await expect(executePlan(plan, fake, silent)).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('not in dependency order'),
    });
    expect(fake.calls).toHaveLength(0);
  });
});
