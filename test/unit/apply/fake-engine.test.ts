// The FakeEngine must answer like the real engine wherever the executor or planner would notice a difference.
import { describe, expect, it } from 'vitest';
import { FakeEngine } from '../support/fake-engine.js';
import { IMAGE, makeEnv, PROJECT } from './plan-builders.js';

describe('FakeEngine', () => {
  it('inspecting something that is not there returns null (the engine answers 404)', async () => {
    const fake = new FakeEngine();
    expect(await fake.inspectContainer('nope')).toBeNull();
    expect(await fake.inspectImage('nope:1')).toBeNull();
    expect(await fake.inspectVolume('nope')).toBeNull();
  });

  it('creating under a taken name is a conflict, and an unknown image is not-found', async () => {
    const fake = new FakeEngine();
    const image = fake.addImage(IMAGE);
    fake.addContainer(makeEnv('a'), { owned: false });
    await expect(fake.createContainer({ env: makeEnv('a'), image, name: 'lab-a', specHash: 'h' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      fake.createContainer({ env: makeEnv('b'), image: { ...image, ref: 'missing:1' }, name: 'lab-b', specHash: 'h' }),
    ).rejects.toMatchObject({ code: 'not-found' });
  });

  it('start of a running container and stop of a stopped one are no-ops; pause needs a running container', async () => {
    const fake = new FakeEngine();
    const running = fake.addContainer(makeEnv('a'), { status: 'running' });
    const stopped = fake.addContainer(makeEnv('b'), { status: 'exited' });
    await fake.startContainer(running);
    await fake.stopContainer(stopped);
    expect(fake.container(running)?.status).toBe('running');
    expect(fake.container(stopped)?.status).toBe('exited');
    await expect(fake.pauseContainer(stopped)).rejects.toMatchObject({ code: 'conflict' });
    await expect(fake.removeContainer(running)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('reads a container back as observe would: owned by the project, state from its status', async () => {
    const fake = new FakeEngine();
    const id = fake.addContainer(makeEnv('a'), { status: 'paused', specHash: 'h1' });
    expect(await fake.listProjectContainers(PROJECT)).toEqual([id]);
    expect(await fake.listProjectContainers('other')).toEqual([]);
    expect(await fake.inspectContainer('lab-a')).toMatchObject({
      id,
      name: 'lab-a',
      status: 'paused',
      project: PROJECT,
      envName: 'a',
      specHash: 'h1',
      config: { state: 'paused', containerName: 'lab-a' },
    });
  });

  it('records every call in order with its timing, and fails only the calls a hook matches, as often as asked', async () => {
    const fake = new FakeEngine();
    fake.failOn('inspectImage', new Error('boom'), { when: (ref) => ref === 'bad:1', times: 1 });
    await expect(fake.inspectImage('bad:1')).rejects.toThrow('boom');
    expect(await fake.inspectImage('bad:1')).toBeNull();
    expect(await fake.inspectImage('good:1')).toBeNull();
    expect(fake.callLog()).toEqual(['inspectImage bad:1', 'inspectImage bad:1', 'inspectImage good:1']);
    expect(fake.calls.map((c) => c.outcome)).toEqual(['error', 'ok', 'ok']);
    expect(fake.calls.every((c) => c.endedAt !== null && c.endedAt >= c.startedAt)).toBe(true);
  });
});
