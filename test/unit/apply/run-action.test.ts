// Each kind of action makes exactly the engine calls it names, and a create ends in the state the spec asks for.
import { describe, expect, it } from 'vitest';
import { runAction } from '../../../src/apply/run-action.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import type { Action } from '../../../src/plan/plan-types.js';
import { FakeEngine } from '../support/fake-engine.js';
import { create, createVolume, IMAGE, lifecycle, makeEnv, pull, PROJECT, remove } from './plan-builders.js';

function context(lines: string[] = []) {
  return { project: PROJECT, report: (line: string) => lines.push(line) };
}

function withImage(): FakeEngine {
  const fake = new FakeEngine();
  fake.addImage(IMAGE);
  return fake;
}

describe('runAction', () => {
  it('create: inspects the image, creates under the container name with the spec hash, and starts it', async () => {
    const fake = withImage();
    const env = makeEnv('a');

    const outcome = await runAction(create(env), fake, context());

    expect(fake.callLog()).toEqual([`inspectImage ${IMAGE}`, 'createContainer lab-a', `startContainer ${outcome.containerId}`]);
    const request = fake.callsTo('createContainer')[0]?.args[1];
    expect(request).toMatchObject({ name: 'lab-a', specHash: 'hash-a', env, image: { ref: IMAGE } });
    expect(fake.container('lab-a')?.status).toBe('running');
  });

  it('create with state paused starts the container, then pauses it', async () => {
    const fake = withImage();
    const { containerId } = await runAction(create(makeEnv('a', { state: 'paused' })), fake, context());
    expect(fake.callLog().slice(2)).toEqual([`startContainer ${containerId}`, `pauseContainer ${containerId}`]);
    expect(fake.container('lab-a')?.status).toBe('paused');
  });

  it('create with state stopped leaves the container created, without starting it', async () => {
    const fake = withImage();
    await runAction(create(makeEnv('a', { state: 'stopped' })), fake, context());
    expect(fake.callsTo('startContainer')).toHaveLength(0);
    expect(fake.container('lab-a')?.status).toBe('created');
  });

  it('create without the image on the engine says so, and creates nothing', async () => {
    const fake = new FakeEngine();
    await expect(runAction(create(makeEnv('a')), fake, context())).rejects.toMatchObject({
      code: 'not-found',
      message: `image ${IMAGE} is not on this engine`,
      hint: 'pull it, or build it locally',
    });
    expect(fake.callsTo('createContainer')).toHaveLength(0);
  });

  it('create on a name that is taken reports the conflict', async () => {
    const fake = withImage();
    fake.addContainer(makeEnv('a'), { owned: false });
    await expect(runAction(create(makeEnv('a')), fake, context())).rejects.toMatchObject({
      code: 'conflict',
      message: 'could not create container lab-a: the container name "/lab-a" is already in use',
    });
  });

  it('a start that fails after create gives the engine reason; the container stays created for the next plan', async () => {
    const fake = withImage();
    fake.failOn('startContainer', new EnvctlError('engine', 'exec: "nosuchcmd": executable file not found in $PATH'));

    const error = await runAction(create(makeEnv('a')), fake, context()).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(EnvctlError);
    expect(error).toMatchObject({
      code: 'engine',
      message: 'container lab-a was created but could not start: exec: "nosuchcmd": executable file not found in $PATH',
      hint: 'it stays created and stopped; fix the cause, then `envctl apply` offers to start it',
    });
    expect(fake.container('lab-a')?.status).toBe('created');
  });

  it('pull passes the engine progress on, and create-volume labels the volume with the project', async () => {
    const fake = new FakeEngine();
    const lines: string[] = [];
    await runAction(pull(IMAGE), fake, context(lines));
    await runAction(createVolume('home'), fake, context());
    expect(lines).toEqual([`Pulling from ${IMAGE}`, `Status: Downloaded newer image for ${IMAGE}`]);
    expect(fake.callLog()).toEqual([`pullImage ${IMAGE}`, `createVolume home ${PROJECT}`]);
  });

  it('update, rename, stop, pause, unpause and start each make the one call they name, on the same container', async () => {
    const fake = withImage();
    const id = fake.addContainer(makeEnv('a'), { status: 'running' });
    const base = { resource: 'env:a', cause: 'test', diff: [], dependsOn: [] };
    const actions: Action[] = [
      { ...base, id: 'update env:a', kind: 'update', containerId: id, patch: { restart: { name: 'always', maxRetries: 0 }, cpus: 2 } },
      { ...base, id: 'rename env:a', kind: 'rename', containerId: id, newName: 'lab-a2' },
      lifecycle('pause', 'a', id),
      lifecycle('unpause', 'a', id),
      lifecycle('stop', 'a', id),
      lifecycle('start', 'a', id),
    ];
    for (const action of actions) {
      expect(await runAction(action, fake, context())).toEqual({ containerId: id });
    }
    expect(fake.callLog()).toEqual([
      `updateContainer ${id}`,
      `renameContainer ${id} lab-a2`,
      `pauseContainer ${id}`,
      `unpauseContainer ${id}`,
      `stopContainer ${id}`,
      `startContainer ${id}`,
    ]);
    expect(fake.callsTo('updateContainer')[0]?.args[1]).toEqual({ restart: { name: 'always', maxRetries: 0 }, cpus: 2 });
    expect(fake.container(id)).toMatchObject({ name: 'lab-a2', status: 'running' });
    expect(fake.container(id)?.config).toMatchObject({ cpus: 2, restart: { name: 'always', maxRetries: 0 } });
  });

  it('remove stops a running container first, so it can exit cleanly, then removes it', async () => {
    const fake = withImage();
    const id = fake.addContainer(makeEnv('old'), { status: 'running' });
    await runAction(remove('old', id, 'lab-old'), fake, context());
    expect(fake.callLog()).toEqual([`stopContainer ${id}`, `removeContainer ${id}`]);
    expect(fake.containerNames()).toEqual([]);
  });

  it('remove-volume removes exactly the named volume', async () => {
    const fake = new FakeEngine();
    fake.addVolume('scratch');
    fake.addVolume('home');
    const action: Action = { id: 'remove-volume volume:scratch', resource: 'volume:scratch', cause: 'destroy --volumes', diff: [], dependsOn: [], kind: 'remove-volume', volumeName: 'scratch' };
    await runAction(action, fake, context());
    expect(fake.hasVolume('scratch')).toBe(false);
    expect(fake.hasVolume('home')).toBe(true);
  });
});
