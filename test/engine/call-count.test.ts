// Speed is a feature: a no-op plan makes exactly one list call plus one inspect per container — counted on the wire.
import { afterAll, describe, expect, it } from 'vitest';
import { loadDesired, planDesired } from '../../src/app/run-plan.js';
import { SpecDir } from './support/run-cli.js';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

describe('a no-op plan', () => {
  const project = uniqueProject('count');
  const dir = new SpecDir();
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('makes exactly 1 list call + N inspects, and nothing else', async () => {
    const n = 6;
    const envs = Array.from({ length: n }, (_, i) => `  e${i}:\n    image: ${TEST_IMAGE}\n    ports: ["127.0.0.1::80"]\n    volumes: ["${project}-v${i}:/data", "./shared:/shared:ro"]\n    shm_size: 128m\n    restart: unless-stopped\n`);
    dir.write(`version: 1\nproject: ${project}\nenvironments:\n${envs.join('')}volumes:\n  ${project}-v0: { labels: { kind: declared } }\n`);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);

    const engine = await requireEngine(); // resets the request counters
    const desired = await loadDesired({ file: dir.file });
    const { plan } = await planDesired(engine, desired);
    expect(plan.actions).toEqual([]);
    expect(engine.stats()).toEqual({ total: 1 + n, byOp: { 'container.list': 1, 'container.inspect': n } });
  });
});
