// `network_mode: container:<name>`: when the joined container is recreated, the joiner follows it to the new namespace.
import { afterAll, describe, expect, it } from 'vitest';
import { SpecDir, docker } from './support/run-cli.js';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

describe('an environment that joins another one’s network namespace', () => {
  const project = uniqueProject('join');
  const dir = new SpecDir();
  const spec = (shm: string) => `version: 1
project: ${project}
environments:
  db: { image: ${TEST_IMAGE}, shm_size: ${shm} }
  app: { image: ${TEST_IMAGE}, network_mode: "container:${project}-db" }
`;
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('is recreated after the container it joined, and then shares the new one’s network', async () => {
    await requireEngine();
    dir.write(spec('64m'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    dir.write(spec('96m'));
    const plan = await dir.run('plan');
    expect(plan.stdout).toMatch(/recreate\s+env:app\s+joins env:db \(container:[^)]+\), which is recreated/);
    const applied = await dir.run('apply', '--yes');
    expect(applied.exitCode, applied.stderr).toBe(0);
    const dbId = await docker('inspect', '-f', '{{.Id}}', `${project}-db`);
    expect(await docker('inspect', '-f', '{{.HostConfig.NetworkMode}} {{.State.Status}}', `${project}-app`)).toBe(`container:${dbId} running`);
    const netns = async (name: string) => docker('exec', name, 'readlink', '/proc/1/ns/net');
    expect(await netns(`${project}-app`)).toBe(await netns(`${project}-db`));
    expect((await dir.run('plan')).exitCode).toBe(0);
  });
});
