// Saved plans on the real engine: `plan -o FILE` writes a versioned plan with no secret value in it; `apply FILE`
// applies exactly it when nothing changed, and refuses it (exit 17, nothing changed) naming what changed by hand on
// the engine or in the spec since.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { engineSocketPath, startCountingProxy } from './support/counting-proxy.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker, envctl } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const TOKEN = 'hf-Qm48-saved-plan-token';
const FROM_ENV_FILE = 'pg-Rt62-saved-plan-env-file';
/** Not a secret, yet no environment value goes into a saved plan either. */
const PLAIN = 'mode-Jx05-plain-value';

beforeAll(async () => {
  await requireEngine();
});

const envBlock = (name: string) => `  ${name}:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1; done"]
`;

function spec(project: string, envs: string[], extra = ''): string {
  return `version: 1
project: ${project}
environments:
${envs.map(envBlock).join('')}${extra}`;
}

async function containersOf(project: string): Promise<Record<string, string>> {
  const out = await docker('ps', '-a', '--filter', `label=dev.envctl.project=${project}`, '--format', '{{.Names}} {{.State}}');
  return Object.fromEntries(out.split('\n').filter(Boolean).map((line) => line.split(' ') as [string, string]));
}

describe('envctl plan -o FILE / envctl apply FILE', () => {
  const project = uniqueProject('saved');
  const dir = new SpecDir();
  const planFile = join(dir.dir, 'reviewed.plan.json');
  const applySaved = (...args: string[]) => envctl(['apply', planFile, ...args], { cwd: dir.dir });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('saves a versioned plan without secret values, applies it when nothing changed, then nothing is left to do', async () => {
    dir.write(
      `${spec(project, ['web', 'db'])}    env_file: .secrets
    environment:
      HF_TOKEN: ${TOKEN}
      MODE: ${PLAIN}
`,
    );
    writeFileSync(join(dir.dir, '.secrets'), `DATABASE_URL=${FROM_ENV_FILE}\n`);
    const planned = await dir.run('plan', '-o', planFile, '--json');
    expect(planned.exitCode).toBe(2);
    expect(JSON.parse(planned.stdout)).toMatchObject({ ok: true, changes: true, savedTo: planFile });
    const text = readFileSync(planFile, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(FROM_ENV_FILE);
    expect(text).not.toContain(PLAIN);
    const saved = JSON.parse(text);
    expect(saved).toMatchObject({ format: 'envctl-plan', version: 1, project, spec: { files: [{ path: dir.file }] } });
    expect(saved.engines[0].plan.actions.map((a: { id: string }) => a.id)).toEqual(['create env:db', 'create env:web']);
    expect(saved.engines[0].containers).toEqual([]);

    const applied = await applySaved('--yes', '--json');
    expect(applied.stderr).toBe('');
    expect(applied.exitCode).toBe(0);
    const result = JSON.parse(applied.stdout);
    expect(result.ok).toBe(true);
    expect(result.plan.actions.map((a: { id: string }) => a.id)).toEqual(['create env:db', 'create env:web']);
    expect(result.results.map((r: { status: string }) => r.status)).toEqual(['done', 'done']);
    expect(await containersOf(project)).toEqual({ [`${project}-db`]: 'running', [`${project}-web`]: 'running' });
    expect((await dir.run('plan')).exitCode).toBe(0);

    // A plan of nothing, saved and applied: nothing done.
    expect((await dir.run('plan', '-o', planFile)).exitCode).toBe(0);
    // Applying it costs what a no-op apply costs: one list call and an inspect per container, nothing more.
    const proxy = await startCountingProxy(engineSocketPath());
    try {
      const noop = await envctl(['apply', planFile, '--json'], { cwd: dir.dir, env: { DOCKER_HOST: proxy.host } });
      expect(noop.exitCode).toBe(0);
      expect(JSON.parse(noop.stdout)).toMatchObject({ ok: true, plan: { changes: false }, results: [] });
      const calls = proxy.requests().map((r) => r.replace(/^(\w+) \/v[\d.]+/, '$1 ').replace(/\?.*$/, ''));
      expect(calls.filter((c) => c.startsWith('GET /containers/json'))).toHaveLength(1);
      expect(calls.filter((c) => !c.startsWith('GET /containers/json'))).toEqual([
        expect.stringMatching(/^GET \/containers\/\w+\/json$/),
        expect.stringMatching(/^GET \/containers\/\w+\/json$/),
      ]);
    } finally {
      await proxy.close();
    }
  });

  it('refuses a saved plan when a container was stopped or removed by hand since (exit 17, nothing changed)', async () => {
    dir.write(spec(project, ['web', 'db', 'extra']));
    const planned = await dir.run('plan', '-o', planFile);
    expect(planned.exitCode).toBe(2);
    expect(planned.stdout).toContain(`Saved this plan to ${planFile}`);
    await docker('stop', `${project}-web`);
    await docker('rm', '-f', `${project}-db`);

    const refused = await applySaved('--yes');
    expect(refused.exitCode).toBe(17);
    expect(refused.stderr).toContain('env:web was stopped by hand since the plan was made');
    expect(refused.stderr).toContain('env:db was removed since the plan was made');
    expect(refused.stderr).toContain('nothing was changed');
    expect(await containersOf(project)).toEqual({ [`${project}-web`]: 'exited' });

    const json = await applySaved('--yes', '--json');
    expect(json.exitCode).toBe(17);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'saved-plan-changed' } });
    expect(JSON.parse(json.stdout).error.message).toContain('env:web was stopped by hand');
    expect(await containersOf(project)).toEqual({ [`${project}-web`]: 'exited' });
  });

  it('refuses a saved plan when a container was created by hand-run apply or the spec was edited since', async () => {
    dir.write(spec(project, ['web']));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    dir.write(spec(project, ['web', 'db']));
    expect((await dir.run('plan', '-o', planFile)).exitCode).toBe(2);
    // Someone else applied a spec with a new environment meanwhile.
    dir.write(spec(project, ['web', 'db', 'other']));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    dir.write(spec(project, ['web', 'db']));
    const created = await applySaved('--yes');
    expect(created.exitCode).toBe(17);
    expect(created.stderr).toContain(`a container env:db was created since the plan was made`);
    expect(created.stderr).toContain(`a container env:other was created since the plan was made`);

    // The spec edited after the plan: refused before the engine is touched, the file and environment named.
    expect((await dir.run('plan', '-o', planFile)).exitCode).toBe(2);
    dir.write(spec(project, ['web', 'db', 'late']));
    const edited = await applySaved('--yes', '--json');
    expect(edited.exitCode).toBe(17);
    expect(JSON.parse(edited.stdout).error.message).toContain(`the spec changed since the plan was made (${dir.file}): env:late added`);
    expect(Object.keys(await containersOf(project)).sort()).toEqual([`${project}-db`, `${project}-other`, `${project}-web`]);
  });

  it('refuses a saved plan when only an env_file value changed, naming the environment but never the value', async () => {
    dir.write(`${spec(project, ['web', 'db', 'other', 'keyed'])}    env_file: .secrets
`);
    writeFileSync(join(dir.dir, '.secrets'), `DATABASE_URL=${FROM_ENV_FILE}\n`);
    expect((await dir.run('plan', '-o', planFile)).exitCode).toBe(2);
    writeFileSync(join(dir.dir, '.secrets'), `DATABASE_URL=${FROM_ENV_FILE}-rotated\n`);
    const refused = await applySaved('--yes');
    expect(refused.exitCode).toBe(17);
    expect(refused.stderr).toContain('the spec changed since the plan was made (a file or variable it reads): env:keyed changed');
    expect(`${refused.stdout}${refused.stderr}${readFileSync(planFile, 'utf8')}`).not.toContain(FROM_ENV_FILE);
    expect(Object.keys(await containersOf(project))).not.toContain(`${project}-keyed`);
  });

  it('a saved plan that removes or recreates asks first, as apply does: refused without --yes, applied with it', async () => {
    dir.write(spec(project, ['web']).replace('sleep 1', 'sleep 2'));
    expect((await dir.run('plan', '-o', planFile)).exitCode).toBe(2);
    const unasked = await applySaved('--json');
    expect(unasked.exitCode).toBe(6);
    expect(JSON.parse(unasked.stdout)).toMatchObject({ ok: false, error: { code: 'confirmation-required' } });
    expect(Object.keys(await containersOf(project)).sort()).toEqual([`${project}-db`, `${project}-other`, `${project}-web`]);
    const applied = await applySaved('--yes', '--json');
    expect(applied.exitCode).toBe(0);
    expect(JSON.parse(applied.stdout).plan.actions.map((a: { id: string }) => a.id).sort()).toEqual([
      'recreate env:web',
      'remove env:db',
      'remove env:other',
    ]);
    expect(await containersOf(project)).toEqual({ [`${project}-web`]: 'running' });
    expect((await dir.run('plan')).exitCode).toBe(0);
  });

  it('a file that is not a saved plan is a usage error', async () => {
    const notAPlan = await envctl(['apply', dir.file], { cwd: dir.dir });
    expect(notAPlan.exitCode).toBe(64);
    expect(notAPlan.stderr).toContain('is not a saved plan');
  });
});
