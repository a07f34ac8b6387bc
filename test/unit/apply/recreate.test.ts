// Recreate replaces a container safely: the new one exists before the old one is touched, and every partial failure
// says exactly what was left behind.
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../../src/apply/execute-plan.js';
import { temporaryName } from '../../../src/apply/temporary-name.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import { FakeEngine } from '../support/fake-engine.js';
import { IMAGE, makeEnv, makePlan, recreate } from './plan-builders.js';

const TEMP = 'lab-a-envctl-abc123';
const options = { renderer: 'silent', randomHex: () => 'abc123' } as const;

function setUp() {
  const fake = new FakeEngine();
  fake.addImage(IMAGE);
  const oldEnv = makeEnv('a', { shmSizeBytes: 64 * 1024 * 1024 });
  const oldId = fake.addContainer(oldEnv, { status: 'running', specHash: 'old-hash' });
  const newEnv = makeEnv('a', { shmSizeBytes: 32 * 1024 ** 3 });
  return { fake, oldId, plan: makePlan([recreate(newEnv, oldId)]) };
}

describe('recreate', () => {
  it('creates the new container under a temporary name, then replaces the old one and takes its name', async () => {
    const { fake, oldId, plan } = setUp();

    const result = await executePlan(plan, fake, options);

    expect(result.ok).toBe(true);
    const newId = result.results[0]?.containerId;
    expect(newId).toBeDefined();
    expect(newId).not.toBe(oldId);
    expect(fake.callLog()).toEqual([
      `inspectImage ${IMAGE}`,
      `createContainer ${TEMP}`,
      `stopContainer ${oldId}`,
      `removeContainer ${oldId}`,
      `renameContainer ${newId} lab-a`,
      `startContainer ${newId}`,
    ]);
    expect(fake.containerNames()).toEqual(['lab-a']);
    const now = fake.container('lab-a')!;
    expect(now.id).toBe(newId);
    expect(now.status).toBe('running');
    expect(now.specHash).toBe('hash2-a');
    expect(now.config.shmSizeBytes).toBe(32 * 1024 ** 3);
  });

  it('a create the engine rejects leaves the old container untouched and running', async () => {
    const { fake, oldId, plan } = setUp();
    fake.failOn('createContainer', new EnvctlError('engine', 'invalid IPC mode: bogus'));

    const result = await executePlan(plan, fake, options);

    expect(result.ok).toBe(false);
    expect(result.results[0]?.error).toEqual({
      code: 'engine',
      message: 'could not create the new container for env:a: invalid IPC mode: bogus',
      hint: 'nothing was changed; the old container lab-a is untouched',
    });
    expect(fake.callLog()).toEqual([`inspectImage ${IMAGE}`, `createContainer ${TEMP}`]);
    expect(fake.container('lab-a')).toMatchObject({ id: oldId, status: 'running', specHash: 'old-hash' });
  });

  it('a missing image changes nothing', async () => {
    const fake = new FakeEngine();
    const oldId = fake.addContainer(makeEnv('a'), { status: 'running' });

    const result = await executePlan(makePlan([recreate(makeEnv('a', { cpus: 2 }), oldId)]), fake, options);

    expect(result.results[0]?.error).toEqual({
      code: 'not-found',
      message: `image ${IMAGE} is not on this engine; the old container lab-a is untouched`,
      hint: 'pull it, or build it locally',
    });
    expect(fake.callLog()).toEqual([`inspectImage ${IMAGE}`]);
    expect(fake.container('lab-a')).toMatchObject({ id: oldId, status: 'running' });
  });

  it('if the old container cannot be stopped, it says both exist and that the next apply cleans up', async () => {
    const { fake, plan } = setUp();
    fake.failOn('stopContainer', new EnvctlError('engine', 'tried to kill container, but did not receive an exit event'));

    const result = await executePlan(plan, fake, options);

    expect(result.results[0]?.error).toEqual({
      code: 'engine',
      message: `new container created as ${TEMP}, but the old container lab-a could not be stopped: tried to kill container, but did not receive an exit event`,
      hint: 'both exist now; run `envctl apply` again: it removes the leftover container and finishes the recreate',
    });
    expect(fake.containerNames()).toEqual(['lab-a', TEMP]);
  });

  it('if the old container cannot be removed, it says the new one exists under its temporary name', async () => {
    const { fake, plan } = setUp();
    fake.failOn('removeContainer', new EnvctlError('conflict', 'removal of container lab-a is already in progress'));

    const result = await executePlan(plan, fake, options);

    expect(result.results[0]?.status).toBe('failed');
    expect(result.results[0]?.error?.message).toBe(
      `new container created as ${TEMP}, but the old container lab-a could not be removed: removal of container lab-a is already in progress`,
    );
    expect(result.results[0]?.error?.hint).toContain('the old container is stopped');
    expect(fake.container('lab-a')?.status).toBe('exited');
    expect(fake.container(TEMP)?.status).toBe('created');
  });

  it('if the rename fails, it says the old one is gone and that the next apply finishes', async () => {
    const { fake, plan } = setUp();
    fake.failOn('renameContainer', new EnvctlError('engine', 'renaming is not supported'));

    const result = await executePlan(plan, fake, options);

    expect(result.results[0]?.error).toEqual({
      code: 'engine',
      message: `the old container lab-a was removed, but the new container ${TEMP} could not be renamed to lab-a: renaming is not supported`,
      hint: `run \`envctl apply\` again: it renames ${TEMP} to lab-a and brings it to its state`,
    });
    expect(fake.containerNames()).toEqual([TEMP]);
  });

  it('if the new container cannot start, it has still replaced the old one and stays created', async () => {
    const { fake, plan } = setUp();
    fake.failOn('startContainer', new EnvctlError('port-taken', 'port 8888 on 0.0.0.0 is already in use', { hint: 'free the port or publish another one' }));

    const result = await executePlan(plan, fake, options);

    expect(result.results[0]?.error).toEqual({
      code: 'port-taken',
      message: 'container lab-a was recreated but could not start: port 8888 on 0.0.0.0 is already in use',
      hint: 'free the port or publish another one',
    });
    expect(fake.containerNames()).toEqual(['lab-a']);
    expect(fake.container('lab-a')).toMatchObject({ status: 'created', specHash: 'hash2-a' });
  });

  it('temporary names are the wanted name plus -envctl- and six random hex digits', () => {
    expect(temporaryName('lab-a')).toMatch(/^lab-a-envctl-[0-9a-f]{6}$/);
    expect(temporaryName('lab-a')).not.toBe(temporaryName('lab-a'));
  });
});
