// `envctl import --from-container` on a container envctl made: the values of its env_file entries and of its
// `sensitive:` names (which do not look secret, so only the spec knew) are withheld like secret-looking ones, because
// the container's dev.envctl.sensitive label names them (names only); that label is no drift and keeps the no-op a no-op.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker, envctl } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const FROM_ENV_FILE = 'plain-Qd47-from-env-file';
const FROM_SENSITIVE = 'db-Rm82-marked-sensitive';

beforeAll(async () => {
  await requireEngine();
});

describe('import --from-container withholds what the spec kept secret', () => {
  const project = uniqueProject('import-sens');
  const dir = new SpecDir();
  const spec = (extraSensitive: string) => `version: 1
project: ${project}
environments:
  box:
    image: ${TEST_IMAGE}
    command: ["sleep", "1d"]
    env_file: .plain
    sensitive: [DB_URL${extraSensitive}]
    environment:
      DB_URL: ${FROM_SENSITIVE}
      MODE: dev
`;
  const run = (...args: string[]) => envctl(['-f', dir.file, ...args], { cwd: dir.dir });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('apply, then import: neither value in the output, both names to be supplied, the label holds names only', async () => {
    dir.write(spec(''));
    writeFileSync(join(dir.dir, '.plain'), `PLAIN_A=${FROM_ENV_FILE}\n`);
    expect((await run('apply', '--yes')).exitCode).toBe(0);
    const id = await docker('ps', '-aq', '--filter', `label=dev.envctl.project=${project}`);
    const name = (await docker('inspect', '--format', '{{.Name}}', id)).replace(/^\//, '');
    // The container really has the values; its label only the names.
    expect(JSON.parse(await docker('inspect', '--format', '{{json .Config.Env}}', id))).toEqual(
      expect.arrayContaining([`PLAIN_A=${FROM_ENV_FILE}`, `DB_URL=${FROM_SENSITIVE}`, 'MODE=dev']),
    );
    const labels = JSON.parse(await docker('inspect', '--format', '{{json .Config.Labels}}', id)) as Record<string, string>;
    expect(JSON.parse(labels['dev.envctl.sensitive'] ?? 'null')).toEqual(['DB_URL', 'PLAIN_A']);
    expect(JSON.stringify(labels)).not.toMatch(/Qd47|Rm82/);

    // The label is envctl's own: no drift, the no-op stays a no-op.
    const again = await run('plan');
    expect(again.stdout).toContain('No changes');
    expect(again.exitCode).toBe(0);

    const imported = await envctl(['import', '--from-container', name], { cwd: dir.dir });
    expect(imported.exitCode).toBe(0);
    const text = `${imported.stdout}${imported.stderr}`;
    expect(text).not.toContain(FROM_ENV_FILE);
    expect(text).not.toContain(FROM_SENSITIVE);
    expect(imported.stdout).toContain('MODE: dev');
    for (const secret of ['DB_URL', 'PLAIN_A']) {
      expect(imported.stdout).toContain(`${secret}: null # value not copied from the container (its spec marked it secret): set ${secret} in your environment when you apply`);
    }
    // Still marked in the imported spec, so they stay hidden (and labelled) once it is applied.
    expect(imported.stdout).toMatch(/sensitive: \[ DB_URL, PLAIN_A \]/);
  });

  it('marking one more name sensitive is a label-only difference: no recreate; the next recreate records it', async () => {
    dir.write(spec(', MODE'));
    const plan = await run('plan');
    expect(plan.stdout).toContain('No changes');
    expect(plan.exitCode).toBe(0);
    // A real change recreates the container, and the new one carries the names as the spec now marks them.
    dir.write(spec(', MODE').replace('MODE: dev', 'MODE: prod'));
    expect((await run('apply', '--yes')).exitCode).toBe(0);
    const id = await docker('ps', '-aq', '--filter', `label=dev.envctl.project=${project}`);
    expect(JSON.parse(await docker('inspect', '--format', '{{index .Config.Labels "dev.envctl.sensitive"}}', id))).toEqual(['DB_URL', 'MODE', 'PLAIN_A']);
    expect((await run('plan')).exitCode).toBe(0);
  });
});
