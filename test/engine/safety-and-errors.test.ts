// What a user can get wrong, and what envctl refuses to do: bad specs, no engine, a foreign container, a failing env.
import { afterAll, describe, expect, it } from 'vitest';
import { SpecDir, docker, dockerMaybe } from './support/run-cli.js';
import { cleanupProject } from './support/cleanup-project.js';
import { uniqueProject } from './support/unique-project.js';

const IMAGE = 'envctl/busybox:local';

describe('a bad spec', () => {
  const dir = new SpecDir();
  afterAll(() => dir.dispose());

  it('reports every problem at once as file:line:col, exits 1, and makes no engine call', async () => {
    dir.write(`version: 1
project: bad
environments:
  one:
    image: ${IMAGE}
    shm_sise: 1g
    ports: ["not-a-port"]
  two:
    restart: sometimes
`);
    // An engine address that cannot answer: if envctl tried to reach it, the error would say so instead.
    const r = await dir.run('validate');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/envctl\.yaml:6:5: .*shm_sise.*did you mean .*shm_size/);
    expect(r.stderr).toMatch(/envctl\.yaml:7:\d+: .*port/);
    expect(r.stderr).toMatch(/envctl\.yaml:9:\d+: .*restart/);
    expect(r.stderr).toMatch(/envctl\.yaml:8:\d+: .*image/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace

    const plan = await envctlWithDeadEngine(dir, 'plan');
    expect(plan.exitCode).toBe(1);
    expect(plan.stderr).toMatch(/shm_sise/);
    expect(plan.stderr).not.toMatch(/cannot reach/);
  });

  it('locates a YAML syntax error', async () => {
    dir.write('version: 1\nenvironments:\n  one:\n    image: [unclosed\n');
    const r = await dir.run('validate');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/envctl\.yaml:\d+:\d+: /);
  });

  it('says clearly when the spec file is missing', async () => {
    const r = await dir.run('-f', `${dir.dir}/nope.yaml`, 'validate');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/nope\.yaml/);
  });
});

async function envctlWithDeadEngine(dir: SpecDir, ...args: string[]) {
  const { envctl } = await import('./support/run-cli.js');
  return envctl(['-f', dir.file, ...args], { cwd: dir.dir, env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
}

describe('an unreachable engine', () => {
  const dir = new SpecDir();
  afterAll(() => dir.dispose());

  it('is one clear sentence naming where, with a hint, exit 1', async () => {
    dir.write(`version: 1\nproject: nowhere\nenvironments:\n  one: { image: ${IMAGE} }\n`);
    const r = await envctlWithDeadEngine(dir, 'plan');
    expect(r.exitCode).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/cannot reach the Docker Engine at unix:\/\/\/nonexistent\/docker\.sock/);
    expect(r.stderr).toMatch(/hint:/);
    expect(lines.length).toBeLessThanOrEqual(2);
  });
});

describe('a container with the wanted name that envctl does not own', () => {
  const project = uniqueProject('conf');
  const dir = new SpecDir();
  afterAll(async () => {
    await dockerMaybe('rm', '-f', `${project}-web`);
    await cleanupProject(project);
    dir.dispose();
  });

  it('is a conflict shown in the plan and refused by apply; the container is never touched', async () => {
    const foreign = await docker('run', '-d', '--name', `${project}-web`, IMAGE);
    dir.write(`version: 1\nproject: ${project}\nenvironments:\n  web: { image: ${IMAGE} }\n  other: { image: ${IMAGE} }\n`);
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(4);
    expect(plan.stdout).toMatch(/conflict/);
    expect(plan.stdout).toMatch(new RegExp(`${project}-web`));
    const apply = await dir.run('apply', '--yes');
    expect(apply.exitCode).toBe(4);
    expect(apply.stderr).toMatch(/does not own/);
    expect(await docker('inspect', '-f', '{{.Id}}', `${project}-web`)).toBe(foreign);
    // nothing half-done: the other environment was not created either
    expect((await dockerMaybe('inspect', `${project}-other`)).ok).toBe(false);
  });
});

describe('a failure in one environment', () => {
  const project = uniqueProject('fail');
  const dir = new SpecDir();
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('is reported with its cause, the independent environments still converge, exit 1', async () => {
    // A host port already taken is a conflict found by the plan now (plan-conflicts.test.ts); what fails only at apply
    // is what the engine finds at start: here a command the image does not have.
    const spec = (command: string): string => `version: 1
project: ${project}
environments:
  clash: { image: ${IMAGE}${command} }
  fine: { image: ${IMAGE} }
`;
    dir.write(spec(', command: ["/no/such/binary"]'));
    const r = await dir.run('apply', '--yes');
    expect(r.exitCode).toBe(1);
    expect(`${r.stdout}\n${r.stderr}`).toMatch(/\/no\/such\/binary/);
    expect(await docker('inspect', '-f', '{{.State.Status}}', `${project}-fine`)).toBe('running');
    // the next plan explains what is left: the created container that never ran is replaced
    dir.write(spec(''));
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toMatch(/env:clash/);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    expect((await dir.run('plan')).exitCode).toBe(0);
  });
});
