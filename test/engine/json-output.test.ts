// `--json` everywhere data is printed (issue 13): every command's answer parses, says `ok`, and has the shape README
// documents; a confirmation refused under --json carries the plan it refers to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, type CliResult } from './support/run-cli.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

type Json = Record<string, unknown> & { ok: boolean };

function parsed(r: CliResult): Json {
  const value = JSON.parse(r.stdout) as Json;
  expect(typeof value.ok, r.stdout).toBe('boolean');
  return value;
}

describe('--json: one shape per command, each with ok', () => {
  const project = uniqueProject('json');
  const dir = new SpecDir();
  const spec = (command: readonly string[]): string =>
    `project: ${project}\nenvironments:\n  box:\n    image: ${TEST_IMAGE}\n    command: ${JSON.stringify(command)}\n    stop_grace_period: 1s\n`;

  beforeAll(async () => {
    await requireEngine();
    dir.write(spec(IDLE_COMMAND));
  });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('validate, plan, apply, status', async () => {
    expect(parsed(await dir.run('validate', '--json'))).toMatchObject({ ok: true, project, environments: ['box'], volumes: [] });
    const plan = await dir.run('plan', '--json');
    expect(plan.exitCode).toBe(2);
    expect(parsed(plan)).toMatchObject({ ok: true, project, changes: true, actions: [{ kind: 'create', resource: 'env:box' }] });
    const apply = await dir.run('apply', '--yes', '--json');
    expect(apply.exitCode, apply.stderr).toBe(0);
    expect(parsed(apply)).toMatchObject({ ok: true, plan: { changes: true }, results: [{ id: 'create env:box', status: 'done' }] });
    expect(parsed(await dir.run('status', '--json'))).toMatchObject({ ok: true, project, environments: [{ env: 'box', state: 'running', drift: false }], orphans: [] });
  });

  it('apply and destroy without --yes and nobody to ask: ok false, the error, and the plan it refers to', async () => {
    dir.write(spec([...IDLE_COMMAND.slice(0, 2), `${IDLE_COMMAND[2]} # changed`]));
    const apply = await dir.run('apply', '--json');
    expect(apply.exitCode).toBe(6);
    expect(parsed(apply)).toMatchObject({
      ok: false,
      error: { code: 'confirmation-required' },
      plan: { project, changes: true, actions: [{ kind: 'recreate', resource: 'env:box' }] },
    });
    const destroy = await dir.run('destroy', '--json');
    expect(destroy.exitCode).toBe(6);
    expect(parsed(destroy)).toMatchObject({ ok: false, error: { code: 'confirmation-required' }, plan: { actions: [{ kind: 'remove', resource: 'env:box' }] } });
  });

  it('snapshots, gpus, unlock, ssh-config, import', async () => {
    expect(parsed(await dir.run('snapshots', '--project', project, '--json'))).toEqual({ ok: true, snapshots: [] });
    const gpus = await dir.run('gpus', '--json');
    expect(gpus.exitCode, gpus.stderr).toBe(0);
    expect(parsed(gpus)).toMatchObject({ ok: true, rows: expect.any(Array) });
    expect(parsed(await dir.run('unlock', '--json'))).toEqual({ ok: true, project, removed: false });
    expect(parsed(await dir.run('ssh-config', '--json'))).toEqual({ ok: true, project, hosts: [], missing: [], warnings: [] });
    const imported = parsed(await dir.run('import', '--json', '--', 'docker', 'run', '-d', '--name', 'web', '-p', '8080:80', TEST_IMAGE));
    expect(imported).toMatchObject({ ok: true, env: 'web', warnings: [] });
    expect(imported.spec).toContain(`image: ${TEST_IMAGE}`);
  });

  it('an error is ok false with its code, as before', async () => {
    const missing = await dir.run('-f', 'nope.yaml', 'plan', '--json');
    expect(missing.exitCode).toBe(1);
    expect(parsed(missing)).toMatchObject({ ok: false, error: { code: 'spec-not-found' } });
  });
});
