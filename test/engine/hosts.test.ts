// `hosts:` and `host:` on real engines: the machine's engine and a second, private one (its own dockerd and socket).
// Each environment lives on its engine; moving one moves its container (its named volume stays where it was);
// status, plan and destroy cover every engine; an unreachable engine is named and the others still converge.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { startPrivateEngine, type PrivateEngine } from './support/private-engine.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

describe('environments on several engines', () => {
  const project = uniqueProject('hosts');
  const dir = new SpecDir();
  let lab2: PrivateEngine;

  const on = async (engine: PrivateEngine | null, ...args: string[]): Promise<string> =>
    String((await execa('docker', args, { env: engine === null ? {} : engine.env, reject: false })).stdout).trim();
  const containers = (engine: PrivateEngine | null) => on(engine, 'ps', '-a', '--filter', `label=dev.envctl.project=${project}`, '--format', '{{.Names}} {{.State}}');
  // The private engine has no bridge network: every environment here runs without one.
  const spec = (bHost: string | null, extra = ''): string =>
    [
      'version: 1',
      `project: ${project}`,
      'hosts:',
      `  lab2: { docker_host: "${lab2.host}" }`,
      extra,
      'environments:',
      `  a: { image: ${TEST_IMAGE}, network_mode: none }`,
      `  b: { image: ${TEST_IMAGE}, network_mode: none, volumes: ["${project}-data:/data"]${bHost === null ? '' : `, host: ${bHost}`} }`,
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

  it('apply puts each environment on its own engine; a second plan changes nothing; status says where each runs', async () => {
    dir.write(spec('lab2'));
    const applied = await dir.run('apply', '--yes');
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('On the default engine:');
    expect(applied.stdout).toContain(`On engine lab2 (${lab2.host}):`);
    expect(await containers(null)).toBe(`${project}-a running`);
    expect(await containers(lab2)).toBe(`${project}-b running`);
    expect(await on(lab2, 'volume', 'ls', '-q', '--filter', `name=${project}-data`)).toBe(`${project}-data`);

    expect((await dir.run('plan')).exitCode).toBe(0);
    const status = await dir.run('status', '--json');
    const envs = (JSON.parse(status.stdout) as { environments: { env: string; host: string; state: string }[] }).environments;
    expect(envs.map((e) => [e.env, e.host, e.state])).toEqual([
      ['a', '(default)', 'running'],
      ['b', 'lab2', 'running'],
    ]);
  });

  it('moving an environment creates it on the new engine and removes it from the old one; its volume stays there', async () => {
    dir.write(spec(null));
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toMatch(/On the default engine:[\s\S]*\+ create\s+env:b/);
    expect(plan.stdout).toMatch(new RegExp(`On engine lab2 [^\\n]*:[\\s\\S]*- remove\\s+env:b\\s`));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    expect((await containers(null)).split('\n').sort()).toEqual([`${project}-a running`, `${project}-b running`]);
    expect(await containers(lab2)).toBe('');
    expect(await on(lab2, 'volume', 'ls', '-q', '--filter', `name=${project}-data`)).toBe(`${project}-data`);
    expect((await dir.run('plan')).exitCode).toBe(0);
  });

  it('a host the spec does not list is a located spec error, and nothing is asked of any engine', async () => {
    dir.write(spec('lab3'));
    const r = await dir.run('validate');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/envctl\.yaml:\d+:\d+: host `lab3` is not an entry of the top-level `hosts:` \(known hosts: lab2\)/);
  });

  it('an engine that cannot be reached is named, and the other engines still converge', async () => {
    dir.write(spec(null, '  gone: { docker_host: "unix:///nonexistent/envctl-test.sock" }').replace(
      `  a: { image: ${TEST_IMAGE}, network_mode: none }`,
      `  a: { image: ${TEST_IMAGE}, network_mode: none, restart: always }\n  c: { image: ${TEST_IMAGE}, network_mode: none, host: gone }`,
    ));
    const r = await dir.run('apply', '--yes');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('engine gone (unix:///nonexistent/envctl-test.sock): cannot reach the Docker Engine');
    expect(await on(null, 'inspect', '--format', '{{.HostConfig.RestartPolicy.Name}}', `${project}-a`)).toBe('always');
  });

  it('snapshot and save go to the engine the environment runs on; load, snapshots and gpus take --host', async () => {
    dir.write(spec('lab2'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    const snap = await dir.run('snapshot', 'b', '--json');
    expect(snap.exitCode, snap.stderr).toBe(0);
    const ref = (JSON.parse(snap.stdout) as { ref: string }).ref;
    expect(await on(lab2, 'image', 'inspect', '--format', '{{index .Config.Labels "dev.envctl.role"}}', ref)).toBe('snapshot');

    const listed = (r: { stdout: string }) => (JSON.parse(r.stdout) as { snapshots: { ref: string }[] }).snapshots.map((x) => x.ref);
    expect(listed(await dir.run('snapshots', '--project', project, '--host', 'lab2', '--json'))).toEqual([ref]);
    expect(listed(await dir.run('snapshots', '--project', project, '--json'))).toEqual([]);

    const tar = `${dir.dir}/b.tar`;
    const saved = `${project}-saved:1`;
    expect((await dir.run('save', 'b', '-o', tar, '--tag', saved)).exitCode).toBe(0);
    expect(await on(lab2, 'rmi', saved)).toContain('Untagged');
    expect((await dir.run('load', tar, '--host', 'lab2')).exitCode).toBe(0);
    expect(await on(lab2, 'image', 'inspect', '--format', '{{index .Config.Labels "dev.envctl.role"}}', saved)).toBe('snapshot');
    expect(await on(null, 'images', '-q', saved)).toBe('');

    const gpus = await dir.run('gpus', '--host', 'lab2', '--json');
    expect(gpus.exitCode).toBe(0);
    expect(JSON.parse(gpus.stdout)).toMatchObject({ nvidiaSmi: false, statsNote: 'nvidia-smi numbers are read on this machine only, not on lab2' });

    const unknown = await dir.run('snapshots', '--host', 'nope');
    expect(unknown.exitCode).toBe(64);
    expect(unknown.stderr).toContain('--host nope: ');
    expect(unknown.stderr).toContain('known hosts: lab2');
  });

  it('a saved plan is refused whole for a container stopped by hand on one engine, and applied once it runs again', async () => {
    const planFile = `${dir.dir}/two-engines.plan`;
    const restart = (policy: string) =>
      spec('lab2').replace(`  a: { image: ${TEST_IMAGE}, network_mode: none }`, `  a: { image: ${TEST_IMAGE}, network_mode: none, restart: ${policy} }`);
    dir.write(restart('no'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    dir.write(restart('unless-stopped'));
    expect((await dir.run('plan', '-o', planFile)).exitCode).toBe(2);
    await on(lab2, 'stop', '-t', '1', `${project}-b`);
    const policyOfA = () => on(null, 'inspect', '--format', '{{.HostConfig.RestartPolicy.Name}}', `${project}-a`);

    const refused = await dir.run('apply', planFile, '--yes');
    expect(refused.exitCode).toBe(17);
    expect(refused.stderr).toContain(`on engine lab2 (${lab2.host}): env:b was stopped by hand since the plan was made`);
    expect(await policyOfA()).toBe('no');

    await on(lab2, 'start', `${project}-b`);
    const applied = await dir.run('apply', planFile, '--yes', '--json');
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ ok: true, failed: [] });
    expect(await policyOfA()).toBe('unless-stopped');
  });

  it('destroy removes the project from every engine', async () => {
    dir.write(spec('lab2'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    expect(await containers(lab2)).toBe(`${project}-b running`);
    const r = await dir.run('destroy', '--yes');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(await containers(null)).toBe('');
    expect(await containers(lab2)).toBe('');
  });
});
