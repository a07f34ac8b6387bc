// GPUs on a real engine: a spec's GPUs reach the container's main process, runtime nvidia is used, overlapping
// claims are warned about, `envctl gpus` lists them; an engine without GPU support refuses before creating anything;
// a ulimit the host cannot grant is named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, removeContainers } from './support/cleanup-project.js';
import { startPrivateEngine, type PrivateEngine } from './support/private-engine.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker, envctl } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

/** NVIDIA_VISIBLE_DEVICES as PID 1 sees it: the NVIDIA driver of the engine sets it in the OCI spec, not in Config.Env. */
async function visibleDevices(container: string): Promise<string | undefined> {
  const environ = await docker('exec', container, 'cat', '/proc/1/environ');
  return environ
    .split('\0')
    .find((e) => e.startsWith('NVIDIA_VISIBLE_DEVICES='))
    ?.slice('NVIDIA_VISIBLE_DEVICES='.length);
}

describe('GPUs on an engine with (stand-in) NVIDIA support', () => {
  const project = uniqueProject('gpu');
  const dir = new SpecDir();

  beforeAll(async () => {
    await requireEngine();
    dir.write(`version: 1
project: ${project}
defaults:
  image: ${TEST_IMAGE}
  network_mode: none
environments:
  everything: { gpus: all }
  two: { gpus: 2, runtime: nvidia }
  picked: { gpus: [1, 2] }
  long: { gpus: { device_ids: ["3"], capabilities: [compute, utility] } }
  cpu-only: {}
`);
  });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('warns in the plan about environments that claim the same GPU', async () => {
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    // A count of 2 is GPUs 0 and 1 (the engine hands them out from 0); [3] and [1, 2] do not meet; cpu-only claims none.
    expect(plan.stdout.split('\n').filter((l) => l.startsWith('  ! '))).toEqual([
      '  ! env:everything (gpus all) and env:long (gpus [3] (capabilities compute,gpu,utility)) both claim the same GPUs',
      '  ! env:everything (gpus all) and env:picked (gpus [1, 2]) both claim the same GPUs',
      '  ! env:everything (gpus all) and env:two (gpus 2) both claim the same GPUs',
      '  ! env:picked (gpus [1, 2]) and env:two (gpus 2) both claim GPU 1',
    ]);
  });

  it('all, a count and device ids reach PID 1 as NVIDIA_VISIBLE_DEVICES; runtime nvidia is used; a second apply changes nothing', async () => {
    const apply = await dir.run('apply', '--yes');
    expect(apply.stderr).toBe('');
    expect(apply.exitCode).toBe(0);
    expect(await visibleDevices(`${project}-everything`)).toBe('all');
    expect(await visibleDevices(`${project}-two`)).toBe('0,1');
    expect(await visibleDevices(`${project}-picked`)).toBe('1,2');
    expect(await visibleDevices(`${project}-long`)).toBe('3');
    expect(await visibleDevices(`${project}-cpu-only`)).toBeUndefined();
    // `docker exec env` would not show it: it is the main process's environment only.
    expect(await docker('exec', `${project}-two`, 'env')).not.toContain('NVIDIA_VISIBLE_DEVICES');
    expect(await docker('inspect', '-f', '{{.HostConfig.Runtime}}', `${project}-two`)).toBe('nvidia');
    expect(await docker('inspect', '-f', '{{.HostConfig.Runtime}}', `${project}-picked`)).toBe('runc');
    expect(await docker('inspect', '-f', '{{json .HostConfig.DeviceRequests}}', `${project}-long`)).toBe(
      '[{"Driver":"","Count":0,"DeviceIDs":["3"],"Capabilities":[["compute","gpu","utility"]],"Options":{}}]',
    );

    const again = await dir.run('apply', '--yes');
    expect(again.exitCode).toBe(0);
    expect(again.stdout).not.toMatch(/create|recreate|update/);
  });

  it('`envctl gpus` lists GPU → environments from the live containers', async () => {
    const r = await envctl(['gpus', '--json']);
    expect(r.exitCode).toBe(0);
    const usage = JSON.parse(r.stdout) as { nvidiaSmi: boolean; rows: { gpu: string; users: { project: string | null; env: string | null }[] }[] };
    expect(usage.nvidiaSmi).toBe(false);
    const mine = (gpu: string) =>
      (usage.rows.find((row) => row.gpu === gpu)?.users ?? []).filter((u) => u.project === project).map((u) => u.env).sort();
    expect(mine('all')).toEqual(['everything']);
    expect(mine('0')).toEqual(['two']);
    expect(mine('1')).toEqual(['picked', 'two']);
    expect(mine('2')).toEqual(['picked']);
    expect(mine('3')).toEqual(['long']);
    const text = await envctl(['gpus']);
    expect(text.stdout).toContain(`${project}/picked (running, gpus [1, 2])`);
    expect(text.stdout).toContain('nvidia-smi not found; showing claims only');
  });
});

describe('the nvidia-docker way: runtime nvidia and NVIDIA_VISIBLE_DEVICES', () => {
  const project = uniqueProject('gpuenv');
  const dir = new SpecDir();
  const byHand = `${project}-by-hand`;

  beforeAll(async () => {
    await requireEngine();
    dir.write(`version: 1
project: ${project}
defaults:
  image: ${TEST_IMAGE}
  network_mode: none
  command: [sleep, infinity]
environments:
  notes: { runtime: nvidia, environment: { NVIDIA_VISIBLE_DEVICES: "1,2" } }
  fresh: { gpus: [2] }
  driver-only: { runtime: nvidia, environment: { NVIDIA_VISIBLE_DEVICES: none } }
  runc: { environment: { NVIDIA_VISIBLE_DEVICES: all } }
`);
  });
  afterAll(async () => {
    await removeContainers(byHand);
    await cleanupProject(project);
    dir.dispose();
  });

  it('the plan warns that it claims the GPUs the variable names (none, and the variable under runc, claim nothing)', async () => {
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout.split('\n').filter((l) => l.startsWith('  ! '))).toEqual([
      '  ! env:fresh (gpus [2]) and env:notes (NVIDIA_VISIBLE_DEVICES=1,2) both claim GPU 2',
    ]);
  });

  it('`envctl gpus` lists it, and a container run by hand the same way, with overlap warnings', async () => {
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    await docker('run', '-d', '--name', byHand, '--network', 'none', '--runtime', 'nvidia', '-e', 'NVIDIA_VISIBLE_DEVICES=0,1', TEST_IMAGE, 'sleep', 'infinity');
    const r = await envctl(['gpus', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    const usage = JSON.parse(r.stdout) as { rows: { gpu: string; users: { container: string; claim: string }[] }[]; warnings: string[] };
    const mine = (gpu: string) =>
      (usage.rows.find((row) => row.gpu === gpu)?.users ?? []).filter((u) => u.container.startsWith(project)).map((u) => `${u.container}: ${u.claim}`).sort();
    expect(mine('0')).toEqual([`${byHand}: NVIDIA_VISIBLE_DEVICES=0,1`]);
    expect(mine('1')).toEqual([`${byHand}: NVIDIA_VISIBLE_DEVICES=0,1`, `${project}-notes: NVIDIA_VISIBLE_DEVICES=1,2`]);
    expect(mine('2')).toEqual([`${project}-fresh: gpus [2]`, `${project}-notes: NVIDIA_VISIBLE_DEVICES=1,2`]);
    expect(usage.rows.flatMap((row) => row.users.map((u) => u.container))).not.toContain(`${project}-driver-only`);
    expect(usage.rows.flatMap((row) => row.users.map((u) => u.container))).not.toContain(`${project}-runc`);
    expect(usage.warnings.filter((w) => w.includes(project))).toEqual([
      `${byHand} (NVIDIA_VISIBLE_DEVICES=0,1) and ${project}-notes (NVIDIA_VISIBLE_DEVICES=1,2) both claim GPU 1`,
      `${project}-fresh (gpus [2]) and ${project}-notes (NVIDIA_VISIBLE_DEVICES=1,2) both claim GPU 2`,
    ]);
    const text = await envctl(['gpus']);
    expect(text.stdout).toContain(`${project}/notes (running, NVIDIA_VISIBLE_DEVICES=1,2)`);
    expect(text.stdout).toContain(`${byHand} (running, NVIDIA_VISIBLE_DEVICES=0,1)`);
  });
});

describe('an engine without GPU support', () => {
  let engine: PrivateEngine;
  const dir = new SpecDir();
  const project = uniqueProject('nogpu');

  beforeAll(async () => {
    engine = await startPrivateEngine({ gpu: false });
  }, 120_000);
  afterAll(async () => {
    await engine?.dispose();
    dir.dispose();
  });

  async function containersOnPrivateEngine(): Promise<string> {
    const r = await envctl(['status'], { cwd: dir.dir, env: engine.env });
    expect(r.exitCode).toBe(0);
    const { execa } = await import('execa');
    return String((await execa('docker', ['ps', '-a', '--format', '{{.Names}}'], { env: engine.env })).stdout).trim();
  }

  for (const [what, field] of [
    ['gpus', 'gpus: all'],
    ['runtime nvidia', 'runtime: nvidia'],
  ] as const) {
    it(`refuses ${what} before anything is created, with a clear error, a hint and its own exit code`, async () => {
      dir.write(`version: 1\nproject: ${project}\nenvironments:\n  box: { image: ${TEST_IMAGE}, network_mode: none }\n  gpu: { image: ${TEST_IMAGE}, network_mode: none, ${field} }\n`);
      const r = await envctl(['-f', dir.file, 'apply', '--yes'], { cwd: dir.dir, env: engine.env });
      expect(r.exitCode).toBe(9);
      expect(r.stderr).toContain('env:gpu: this engine has no NVIDIA GPU support: install nvidia-container-toolkit and restart Docker');
      expect(r.stderr).toContain('nothing was changed');
      expect(r.stderr).toMatch(/hint: .*nvidia-ctk runtime configure/);
      // Not the other environment either, and no probe container left behind.
      expect(await containersOnPrivateEngine()).toBe('');
    });
  }
});

describe('a ulimit the host cannot grant', () => {
  const project = uniqueProject('ulim');
  const dir = new SpecDir();
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('names the ulimit instead of passing on "error setting rlimit type 8"', async () => {
    await requireEngine();
    // Locked memory above 8 MiB cannot be granted on these machines.
    dir.write(`version: 1\nproject: ${project}\nenvironments:\n  box: { image: ${TEST_IMAGE}, network_mode: none, ulimits: { memlock: 1073741824 } }\n`);
    const r = await dir.run('apply', '--yes');
    expect(r.exitCode).toBe(1);
    expect(`${r.stdout}\n${r.stderr}`).toContain('the host does not let Docker grant ulimit `memlock`');
    expect(`${r.stdout}\n${r.stderr}`).not.toContain('rlimit type 8');
  });
});
