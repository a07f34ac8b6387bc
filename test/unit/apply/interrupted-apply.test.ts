// Ctrl-C during an apply, on the executor's side: no action starts after it, and the step in progress finishes or
// undoes its own work (a recreate whose old container is still untouched removes its new one again).
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../../src/apply/execute-plan.js';
import { Interruption } from '../../../src/errors/interrupted.js';
import { FakeEngine } from '../support/fake-engine.js';
import { IMAGE, create, makeEnv, makePlan, recreate } from './plan-builders.js';

const TEMP = 'lab-a-envctl-abc123';

/** An AbortController aborted (as by Ctrl-C) the moment the engine is asked for `method`. */
function interruptOn(fake: FakeEngine, method: 'createContainer' | 'stopContainer', signal: 'SIGINT' | 'SIGTERM' = 'SIGINT'): AbortController {
  const controller = new AbortController();
  fake.slowDown(method, 1, {
    when: () => {
      controller.abort(new Interruption(signal));
      return true;
    },
  });
  return controller;
}

function recreateSetUp() {
  const fake = new FakeEngine();
  fake.addImage(IMAGE);
  const oldId = fake.addContainer(makeEnv('a', { shmSizeBytes: 64 * 1024 * 1024 }), { status: 'running', specHash: 'old-hash' });
  return { fake, oldId, plan: makePlan([recreate(makeEnv('a', { shmSizeBytes: 128 * 1024 * 1024 }), oldId)]) };
}

describe('an interrupted apply (executor and steps)', () => {
  it('Ctrl-C while a recreate creates its new container: the new one is removed again, the old one keeps running', async () => {
    const { fake, oldId, plan } = recreateSetUp();
    const controller = interruptOn(fake, 'createContainer');

    const result = await executePlan(plan, fake, { renderer: 'silent', randomHex: () => 'abc123', signal: controller.signal });

    expect(result.ok).toBe(false);
    expect(result.results[0]).toMatchObject({
      status: 'rolled-back',
      error: { code: 'interrupted', message: `recreate env:a interrupted (Ctrl-C); rolled back: the new container ${TEMP} was removed; the old container lab-a is untouched` },
    });
    expect(fake.callLog()).toEqual([`inspectImage ${IMAGE}`, `createContainer ${TEMP}`, expect.stringMatching(/^removeContainer /)]);
    expect(fake.containerNames()).toEqual(['lab-a']);
    expect(fake.container('lab-a')).toMatchObject({ id: oldId, status: 'running', specHash: 'old-hash' });
  });

  it('SIGTERM once the old container is being stopped: the recreate finishes (the old one is already going)', async () => {
    const { fake, plan } = recreateSetUp();
    const controller = interruptOn(fake, 'stopContainer', 'SIGTERM');

    const result = await executePlan(plan, fake, { renderer: 'silent', randomHex: () => 'abc123', signal: controller.signal });

    expect(result.results[0]?.status).toBe('done');
    expect(fake.containerNames()).toEqual(['lab-a']);
    expect(fake.container('lab-a')).toMatchObject({ status: 'running', specHash: 'hash2-a' });
  });

  it('no action starts after Ctrl-C: the one in progress finishes, the rest are "not started"', async () => {
    const fake = new FakeEngine();
    fake.addImage(IMAGE);
    const controller = interruptOn(fake, 'createContainer');
    const plan = makePlan([create(makeEnv('a')), create(makeEnv('b')), create(makeEnv('c'))]);

    const result = await executePlan(plan, fake, { renderer: 'silent', concurrency: 1, signal: controller.signal });

    expect(result.results.map((r) => [r.id, r.status, r.error?.code ?? null])).toEqual([
      ['create env:a', 'done', null],
      ['create env:b', 'skipped', 'interrupted'],
      ['create env:c', 'skipped', 'interrupted'],
    ]);
    expect(fake.containerNames()).toEqual(['lab-a']);
    expect(fake.container('lab-a')?.status).toBe('running');
  });
});
