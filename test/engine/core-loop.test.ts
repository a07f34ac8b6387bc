// The core loop on a real engine, told as the user's story: apply, apply again, drift, orphans, volumes, conflicts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecDir, docker, dockerMaybe } from './support/run-cli.js';
import { cleanupProject } from './support/cleanup-project.js';
import { uniqueProject } from './support/unique-project.js';
import { requireEngine } from './support/require-engine.js';

const IMAGE = 'envctl/busybox:local';

function spec(project: string, extra: { shm?: string; restart?: string; envs?: string[]; vol: string }): string {
  const envs = extra.envs ?? ['alpha', 'beta'];
  const blocks = envs.map(
    (name) => `  ${name}:
    image: ${IMAGE}
    environment: { ROLE: ${name} }
    volumes: ["${extra.vol}-${name}:/data"]
${extra.shm ? `    shm_size: ${extra.shm}\n` : ''}${extra.restart ? `    restart: ${extra.restart}\n` : ''}`,
  );
  return `version: 1\nproject: ${project}\nenvironments:\n${blocks.join('')}`;
}

async function containerId(name: string): Promise<string> {
  return docker('inspect', '-f', '{{.Id}}', name);
}

describe('the core loop on a real engine', () => {
  const project = uniqueProject('core');
  const vol = `${project}-vol`;
  const dir = new SpecDir();

  beforeAll(async () => {
    await requireEngine(); // fails loudly (never skips) when no engine is reachable
  });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('creates every environment, then a second apply changes nothing and plan exits 0', async () => {
    dir.write(spec(project, { vol }));
    const first = await dir.run('apply', '--yes');
    expect(first.stderr).toBe('');
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/create\s+env:alpha/);
    expect(await docker('inspect', '-f', '{{.State.Status}}', `${project}-alpha`)).toBe('running');
    expect(await docker('inspect', '-f', '{{index .Config.Labels "dev.envctl.env"}}', `${project}-beta`)).toBe('beta');

    const second = await dir.run('apply', '--yes');
    expect(second.exitCode).toBe(0);
    expect(second.stdout).toMatch(/No changes/);
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(0);
  });

  it('a shm_size change recreates the container and says why', async () => {
    const before = await containerId(`${project}-alpha`);
    await docker('exec', `${project}-alpha`, 'sh', '-c', 'echo precious > /data/work.txt');
    dir.write(spec(project, { vol, shm: '128m' }));
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toMatch(/recreate\s+env:alpha.*shm_size 64m → 128m/);
    // the plan says the named volumes stay
    expect(plan.stdout).toMatch(new RegExp(`= kept\\s+volumes .*${vol}-alpha`));
    const applied = await dir.run('apply', '--yes');
    expect(applied.exitCode).toBe(0);
    expect(await containerId(`${project}-alpha`)).not.toBe(before);
    expect(await docker('inspect', '-f', '{{.HostConfig.ShmSize}}', `${project}-alpha`)).toBe(String(128 * 1024 * 1024));
    // the named volume's data survived the recreate
    expect(await docker('exec', `${project}-alpha`, 'cat', '/data/work.txt')).toBe('precious');
    expect((await dir.run('plan')).exitCode).toBe(0);
  });

  it('a restart-policy change is applied in place: same container ID', async () => {
    const before = await containerId(`${project}-beta`);
    dir.write(spec(project, { vol, shm: '128m', restart: 'unless-stopped' }));
    const plan = await dir.run('plan');
    expect(plan.stdout).toMatch(/update\s+env:beta/);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    expect(await containerId(`${project}-beta`)).toBe(before);
    expect(await docker('inspect', '-f', '{{.HostConfig.RestartPolicy.Name}}', `${project}-beta`)).toBe('unless-stopped');
    expect((await dir.run('plan')).exitCode).toBe(0);
  });

  it('a manual docker stop is drift, and apply starts it again', async () => {
    await docker('stop', `${project}-alpha`);
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toMatch(/start\s+env:alpha/);
    const status = await dir.run('status');
    expect(status.stdout).toMatch(/alpha.*exited.*yes/);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    expect(await docker('inspect', '-f', '{{.State.Status}}', `${project}-alpha`)).toBe('running');
  });

  it('a manual docker update --restart is drift, repaired in place', async () => {
    const before = await containerId(`${project}-alpha`);
    await docker('update', '--restart', 'always', `${project}-alpha`);
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toMatch(/update\s+env:alpha/);
    expect(plan.stdout).toMatch(/restart: always → unless-stopped/);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    expect(await containerId(`${project}-alpha`)).toBe(before);
    expect(await docker('inspect', '-f', '{{.HostConfig.RestartPolicy.Name}}', `${project}-alpha`)).toBe('unless-stopped');
  });

  it('a manual docker rm is drift, and apply creates it again', async () => {
    await docker('rm', '-f', `${project}-beta`);
    const plan = await dir.run('plan');
    expect(plan.stdout).toMatch(/create\s+env:beta/);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    expect(await docker('inspect', '-f', '{{.State.Status}}', `${project}-beta`)).toBe('running');
  });

  it('a container recreated by hand with other settings is drift, and apply recreates it to the spec', async () => {
    const labels = JSON.parse(await docker('inspect', '-f', '{{json .Config.Labels}}', `${project}-beta`)) as Record<string, string>;
    await docker('rm', '-f', `${project}-beta`);
    const labelArgs = Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
    await docker('run', '-d', '--name', `${project}-beta`, ...labelArgs, '--shm-size', '32m', '-e', 'ROLE=beta', '-v', `${vol}-beta:/data`, IMAGE);
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toMatch(/recreate\s+env:beta/);
    expect(plan.stdout).toMatch(/shm_size: 32m → 128m/);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    expect((await dir.run('plan')).exitCode).toBe(0);
  });

  it('an environment removed from the spec is removed as an orphan; its named volume stays', async () => {
    dir.write(spec(project, { vol, shm: '128m', restart: 'unless-stopped', envs: ['alpha'] }));
    const plan = await dir.run('plan');
    expect(plan.stdout).toMatch(/remove\s+env:beta.*no longer in the spec/);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    expect((await dockerMaybe('inspect', `${project}-beta`)).ok).toBe(false);
    expect((await dockerMaybe('volume', 'inspect', `${vol}-beta`)).ok).toBe(true);
  });

  it('without a terminal and without --yes, a destructive apply refuses and changes nothing', async () => {
    dir.write(spec(project, { vol, shm: '256m', restart: 'unless-stopped', envs: ['alpha'] }));
    const before = await containerId(`${project}-alpha`);
    const r = await dir.run('apply');
    expect(r.exitCode).toBe(6);
    expect(r.stderr).toMatch(/--yes/);
    expect(await containerId(`${project}-alpha`)).toBe(before);
  });

  it('destroy removes containers but keeps named volumes; their data survives', async () => {
    const r = await dir.run('destroy', '--yes');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`= kept\\s+volumes? .*${vol}-alpha`));
    expect((await dockerMaybe('inspect', `${project}-alpha`)).ok).toBe(false);
    expect((await dockerMaybe('volume', 'inspect', `${vol}-alpha`)).ok).toBe(true);
    const data = await docker('run', '--rm', '-v', `${vol}-alpha:/data`, IMAGE, 'cat', '/data/work.txt');
    expect(data).toBe('precious');
  });
});
