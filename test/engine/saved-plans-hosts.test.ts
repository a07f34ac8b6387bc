// A saved plan over several engines (`hosts:`): a change on one engine refuses the whole plan before any engine is
// changed, naming the engine; once the engine is back as the plan saw it, the plan applies on every engine.
import { execa } from 'execa';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { startPrivateEngine, type PrivateEngine } from './support/private-engine.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, envctl } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

describe('a saved plan on several engines', () => {
  const project = uniqueProject('savedhosts');
  const dir = new SpecDir();
  const planFile = join(dir.dir, 'two-engines.plan');
  let lab2: PrivateEngine;

  const on = async (engine: PrivateEngine | null, ...args: string[]): Promise<string> =>
    String((await execa('docker', args, { env: engine === null ? {} : engine.env, reject: false })).stdout).trim();
  const containers = (engine: PrivateEngine | null) => on(engine, 'ps', '-a', '--filter', `label=dev.envctl.project=${project}`, '--format', '{{.Names}} {{.State}}');
  const spec = (withA: boolean): string =>
    [
      'version: 1',
      `project: ${project}`,
      'hosts:',
      `  lab2: { docker_host: "${lab2.host}" }`,
      'environments:',
      ...(withA ? [`  a: { image: ${TEST_IMAGE}, network_mode: none }`] : []),
      `  b: { image: ${TEST_IMAGE}, network_mode: none, host: lab2 }`,
      '',
    ].join('\n');

  beforeAll(async () => {
    await requireEngine();
    lab2 = await startPrivateEngine();
  }, 120_000);
  afterAll(async () => {
    await cleanupProject(project);
    await lab2?.dispose();
    dir.dispose();
  });

  it('refuses the plan for a container stopped by hand on the other engine, then applies it once it runs again', async () => {
    dir.write(spec(false));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    dir.write(spec(true));
    expect((await dir.run('plan', '-o', planFile)).exitCode).toBe(2);
    await on(lab2, 'stop', '-t', '1', `${project}-b`);

    const refused = await envctl(['apply', planFile, '--yes'], { cwd: dir.dir });
    expect(refused.exitCode).toBe(17);
    expect(refused.stderr).toContain(`on engine lab2 (${lab2.host}): env:b was stopped by hand since the plan was made`);
    expect(await containers(null)).toBe('');

    await on(lab2, 'start', `${project}-b`);
    const applied = await envctl(['apply', planFile, '--yes', '--json'], { cwd: dir.dir });
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ ok: true, failed: [] });
    expect(await containers(null)).toBe(`${project}-a running`);
    expect(await containers(lab2)).toBe(`${project}-b running`);
  });
});
