// A shared server's policy on the real CLI: settings that give a container the host are refused unless the run says
// --allow-dangerous or a policy allows them; an admin's limits are errors naming both the spec's and the policy's
// places; a user's policy can only narrow the admin's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecDir, docker, envctl, type CliResult } from './support/run-cli.js';
import { cleanupProject } from './support/cleanup-project.js';
import { uniqueProject } from './support/unique-project.js';

const IMAGE = 'envctl/busybox:local';

/** Runs envctl with these policy files (absent ones: no policy), never the machine's own. */
function withPolicy(dir: SpecDir, files: { admin?: string; user?: string }, ...args: string[]): Promise<CliResult> {
  const admin = join(dir.dir, 'admin-policy.yaml');
  const user = join(dir.dir, 'user-policy.yaml');
  if (files.admin !== undefined) writeFileSync(admin, files.admin);
  if (files.user !== undefined) writeFileSync(user, files.user);
  return envctl(['-f', dir.file, ...args], {
    cwd: dir.dir,
    env: { ENVCTL_POLICY_FILE: files.admin === undefined ? join(dir.dir, 'none.yaml') : admin, ENVCTL_USER_POLICY_FILE: files.user === undefined ? join(dir.dir, 'none.yaml') : user },
  });
}

describe('a spec that mounts the docker socket', () => {
  const project = uniqueProject('pol');
  const dir = new SpecDir();
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });
  const containers = (): Promise<string> => docker('ps', '-aq', '--filter', `label=dev.envctl.project=${project}`);

  it('is refused at validate, plan and apply with its place (exit 15), nothing created', async () => {
    dir.write(`version: 1\nproject: ${project}\nenvironments:\n  ci:\n    image: ${IMAGE}\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n`);
    for (const verb of [['validate'], ['plan'], ['apply', '--yes']]) {
      const r = await withPolicy(dir, {}, ...verb);
      expect(r.exitCode, `${verb.join(' ')}: ${r.stderr}`).toBe(15);
      expect(r.stderr).toContain('envctl.yaml:6:5: environment `ci`: dangerous: bind mount of the docker socket /var/run/docker.sock — gives the container the host');
      expect(r.stderr).toContain('--allow-dangerous');
    }
    expect(await containers()).toBe('');
  });

  it('is applied with --allow-dangerous, and the plan marks it', async () => {
    const plan = await withPolicy(dir, {}, 'plan', '--allow-dangerous');
    expect(plan.exitCode, plan.stderr).toBe(2);
    expect(plan.stdout).toContain('! dangerous: bind mount of the docker socket /var/run/docker.sock — gives the container the host (the engine runs anything as root) (env:ci)');
    const apply = await withPolicy(dir, {}, 'apply', '--yes', '--allow-dangerous');
    expect(apply.exitCode, apply.stderr).toBe(0);
    expect(await docker('inspect', '-f', '{{range .Mounts}}{{.Source}}{{end}}', `${project}-ci`)).toBe('/var/run/docker.sock');
    await cleanupProject(project);
  });

  it('is applied when the admin policy allows docker-socket, but not when only a user policy under it does', async () => {
    const allowed = await withPolicy(dir, { admin: 'allow_dangerous: [docker-socket]\n' }, 'apply', '--yes');
    expect(allowed.exitCode, allowed.stderr).toBe(0);
    expect(await containers()).not.toBe('');
    await cleanupProject(project);

    // The admin allows nothing dangerous: the user's own file cannot allow it.
    const widened = await withPolicy(dir, { admin: 'max_per_environment: { gpus: 1 }\n', user: 'allow_dangerous: [docker-socket]\n' }, 'apply', '--yes');
    expect(widened.exitCode).toBe(15);
    expect(widened.stderr).toContain('bind mount of the docker socket');
    expect(await containers()).toBe('');
  });
});

describe('a policy limit', () => {
  const dir = new SpecDir();
  afterAll(() => dir.dispose());

  it('max GPUs: refused naming the spec place and the policy rule with its file:line; a user policy cannot raise it', async () => {
    dir.write(`version: 1\nproject: ${uniqueProject('polg')}\nenvironments:\n  train:\n    image: ${IMAGE}\n    gpus: 4\n`);
    const admin = '# the lab server\nmax_per_environment:\n  gpus: 2\n';
    const r = await withPolicy(dir, { admin }, 'validate');
    expect(r.exitCode).toBe(15);
    const adminFile = join(dir.dir, 'admin-policy.yaml');
    expect(r.stderr).toContain(`envctl.yaml:6:5: environment \`train\`: gpus 4 is over the policy's max_per_environment.gpus 2 (${adminFile}:3)`);
    expect(r.stderr).toContain("1 problem refused by the server's policy");

    const raised = await withPolicy(dir, { admin, user: 'max_per_environment: { gpus: 8 }\n' }, 'plan', '--json');
    expect(raised.exitCode).toBe(15);
    const error = JSON.parse(raised.stdout || raised.stderr) as { error: { code: string; issues: { line: number; message: string }[] } };
    expect(error.error.code).toBe('policy-violation');
    expect(error.error.issues.map((i) => i.message)).toEqual([expect.stringContaining(`(${adminFile}:3)`)]);

    // A user policy that narrows applies on top: now both limits are named.
    const narrowed = await withPolicy(dir, { admin, user: 'max_per_environment: { gpus: 1 }\n' }, 'validate');
    expect(narrowed.exitCode).toBe(15);
    expect(narrowed.stderr).toContain(`${join(dir.dir, 'user-policy.yaml')}:1)`);

    const show = await withPolicy(dir, { admin, user: 'max_per_environment: { gpus: 1 }\n' }, 'policy', 'show', '--json');
    expect(show.exitCode, show.stderr).toBe(0);
    const shown = JSON.parse(show.stdout) as { files: { role: string }[]; rules: { rule: string; value: unknown }[] };
    expect(shown.files.map((f) => f.role)).toEqual(['admin', 'user']);
    expect(shown.rules).toEqual([expect.objectContaining({ rule: 'max_per_environment.gpus', value: '2' }), expect.objectContaining({ rule: 'max_per_environment.gpus', value: '1' })]);
  });

  it('an invalid policy file is its own error (exit 16) at the policy file:line:col', async () => {
    dir.write(`version: 1\nproject: ${uniqueProject('poli')}\nenvironments:\n  box: { image: ${IMAGE} }\n`);
    const r = await withPolicy(dir, { admin: 'max_per_environment:\n  gpu: 2\nallow_dangerous: [privileged, root]\n' }, 'plan');
    expect(r.exitCode).toBe(16);
    const adminFile = join(dir.dir, 'admin-policy.yaml');
    expect(r.stderr).toContain(`${adminFile}:2:3: unknown policy rule \`gpu\``);
    expect(r.stderr).toMatch(new RegExp(`${adminFile.replace(/[.]/g, '\\.')}:3:31: allow_dangerous\\.1: must be one of privileged, docker-socket`));
  });
});

describe('a rule broken only in a file merged onto the spec', () => {
  const dir = new SpecDir();
  afterAll(() => dir.dispose());

  it('forbidden_fields holds for envctl.override.yaml and a second -f file, located there', async () => {
    dir.write(`version: 1\nproject: ${uniqueProject('polo')}\nenvironments:\n  box:\n    image: ${IMAGE}\n`);
    const admin = 'forbidden_fields: [shm_size]\n';
    writeFileSync(join(dir.dir, 'envctl.override.yaml'), 'environments:\n  box:\n    shm_size: 1g\n');
    const viaOverride = await withPolicy(dir, { admin }, 'validate');
    expect(viaOverride.exitCode, viaOverride.stderr).toBe(15);
    expect(viaOverride.stderr).toContain('envctl.override.yaml:3:5: environment `box`: `shm_size` is forbidden by the policy');

    writeFileSync(join(dir.dir, 'mine.yaml'), 'environments:\n  box:\n    shm_size: 2g\n');
    const viaSecondFile = await withPolicy(dir, { admin }, '-f', join(dir.dir, 'mine.yaml'), 'plan');
    expect(viaSecondFile.exitCode, viaSecondFile.stderr).toBe(15);
    expect(viaSecondFile.stderr).toContain('mine.yaml:3:5: environment `box`: `shm_size` is forbidden by the policy');
  });
});
