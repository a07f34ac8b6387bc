// Where services go and what envctl says when they cannot get there, on the real swarm testbed through the CLI: a GPU
// reservation lands on the GPU worker with its DOCKER_RESOURCE_NVIDIA-GPU assignment; a constraint no node meets and
// an image no node can get end the wait with the tasks' own words; a failing update is rolled back by the engine and
// reported; a worker whose dockerd dies has its tasks rescheduled and the next plan says so; an engine that is no
// manager, or a `host:` naming a manager, decides where services go.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSwarmTestbed, type SwarmTestbed } from './support/swarm-testbed.js';
import { SwarmProject } from './support/swarm-project.js';
import { envctl } from './support/run-cli.js';
import { waitFor } from '../support/wait-for.js';

const SLEEP = `["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 1 & wait $$!; done"]`;

describe('placing Swarm services', () => {
  let bed: SwarmTestbed;
  const projects: SwarmProject[] = [];
  const project = (prefix: string): SwarmProject => {
    const p = new SwarmProject(bed, prefix);
    projects.push(p);
    return p;
  };
  const service = (p: SwarmProject, env: string, deploy: string, extra = ''): string =>
    ['version: 1', `project: ${p.name}`, 'environments:', `  ${env}:`, `    image: ${bed.image}`, `    command: ${SLEEP}`, extra, '    deploy:', deploy, ''].filter((l) => l !== '').join('\n') + '\n';

  beforeAll(async () => {
    bed = await ensureSwarmTestbed();
  }, 180_000);
  afterAll(async () => {
    for (const p of projects) await p.cleanup();
  }, 180_000);

  it('puts a GPU reservation on the GPU worker only, and its task gets the DOCKER_RESOURCE_NVIDIA-GPU it was assigned', async () => {
    const p = project('swgpu');
    p.write(service(p, 'train', '      replicas: 2\n      resources: { reservations: { generic_resources: [{ discrete_resource_spec: { kind: NVIDIA-GPU, value: 1 } }] } }'));
    const applied = await p.run(['apply', '--yes']);
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0);
    const gpuNode = bed.nodes.find((n) => n.genericResources.some((r) => r.kind === 'NVIDIA-GPU'))!;
    expect(applied.stdout).toContain(`2 running on ${gpuNode.hostname} ×2`);
    const tasks = await p.running('train', 2);
    expect(tasks.every((t) => t.node === gpuNode.hostname)).toBe(true);
    const gpus = gpuNode.genericResources.filter((r) => r.kind === 'NVIDIA-GPU').map((r) => r.value);
    const assigned = await Promise.all(
      tasks.map(async (t) => (await p.on(gpuNode, 'exec', t.containerId, 'env')).split('\n').find((l) => l.startsWith('DOCKER_RESOURCE_NVIDIA-GPU='))?.split('=')[1] ?? ''),
    );
    expect(assigned.every((a) => gpus.includes(a))).toBe(true);
    expect(new Set(assigned).size).toBe(2);
    expect((await p.run(['plan'])).exitCode).toBe(0);

    // A third GPU task does not fit anywhere: the scheduler's own words, after a short grace.
    p.write(service(p, 'train', '      replicas: 3\n      resources: { reservations: { generic_resources: [{ discrete_resource_spec: { kind: NVIDIA-GPU, value: 1 } }] } }'));
    const short = await p.run(['apply', '--yes']);
    expect(short.exitCode).toBe(1);
    expect(short.stdout).toContain(`service ${p.name}-train: 2/3 running: no suitable node (insufficient resources on 3 nodes)`);
  }, 180_000);

  it('ends the wait with the clear error when no node meets a constraint', async () => {
    const p = project('swcons');
    p.write(service(p, 'pinned', '      placement: { constraints: ["node.labels.zone == mars"] }'));
    const applied = await p.run(['apply', '--yes', '--wait-timeout', '60s']);
    expect(applied.exitCode).toBe(1);
    expect(applied.stdout).toContain(`service ${p.name}-pinned: 0/1 running: no suitable node (scheduling constraints not satisfied on 3 nodes)`);
    expect(applied.stdout).toContain('hint: relax deploy.placement');
  }, 120_000);

  it('ends the wait when no node can get the image', async () => {
    const p = project('swimg');
    p.write(service(p, 'ghost', '      replicas: 1').replace(`image: ${bed.image}`, `image: ${bed.registry}/envctl/none:missing`));
    const applied = await p.run(['apply', '--yes', '--wait-timeout', '90s']);
    expect(applied.exitCode).toBe(1);
    expect(applied.stdout).toMatch(new RegExp(`service ${p.name}-ghost: 0/1 running: the image cannot be had on a node \\(.*${bed.registry}/envctl/none:missing`));
  }, 150_000);

  it('reports the rollback the engine made when an update fails with failure_action: rollback, and exits non-zero', async () => {
    const p = project('swroll');
    const deploy = '      replicas: 2\n      update_config: { failure_action: rollback, monitor: 3s, parallelism: 1 }\n      restart_policy: { delay: 1s }';
    p.write(service(p, 'api', deploy));
    expect((await p.run(['apply', '--yes'])).exitCode).toBe(0);
    // The new command exits at once: the update fails within the monitor window and the engine rolls back.
    p.write(service(p, 'api', deploy).replace(`command: ${SLEEP}`, 'command: ["sh", "-c", "exit 3"]'));
    const applied = await p.run(['apply', '--yes', '--wait-timeout', '120s']);
    expect(applied.exitCode).toBe(1);
    expect(applied.stdout).toContain(`update-service env:api: service ${p.name}-api: rolled back: `);
    expect(applied.stdout).toContain('non-zero exit (3)');
    const tasks = await p.running('api', 2);
    expect(tasks.every((t) => t.state === 'running')).toBe(true);
    // The service runs its old spec again, so the spec's change is still to be made.
    expect((await p.run(['plan'])).exitCode).toBe(2);
  }, 180_000);

  it("reschedules a dead worker's tasks, and the next plan says so", async () => {
    const p = project('swkill');
    const worker = bed.node('worker2');
    p.write(service(p, 'web', '      replicas: 3\n      placement: { preferences: [{ spread: node.id }] }'));
    expect((await p.run(['apply', '--yes'])).exitCode).toBe(0);
    const before = await p.running('web', 3);
    expect(before.some((t) => t.node === worker.hostname)).toBe(true);
    await bed.killDaemon('worker2');
    try {
      await waitFor(async () => (await bed.nodeState('worker2')) === 'down', { timeoutMs: 90_000, intervalMs: 500, what: 'worker2 to be down' });
      const after = await waitFor(async () => {
        const live = (await p.tasks('web')).filter((t) => t.desired === 'running' && t.state === 'running');
        return live.length === 3 && live.every((t) => t.node !== worker.hostname) ? live : null;
      }, { timeoutMs: 90_000, intervalMs: 500, what: 'the tasks to be rescheduled off worker2' });
      expect(after).toHaveLength(3);
      const plan = await p.run(['plan']);
      expect(plan.exitCode).toBe(0);
      expect(plan.stdout).toContain(`service ${p.name}-web: 1 task rescheduled off ${worker.hostname} (node down); now 3/3 running`);
    } finally {
      await bed.reviveDaemon('worker2');
    }
  }, 300_000);

  it('refuses services on an engine that is no manager in one sentence with its exit code; host: naming a manager works', async () => {
    const p = project('swhost');
    p.write(service(p, 'web', '      replicas: 1'));
    const onWorker = await p.run(['plan'], bed.node('worker1').env);
    expect(onWorker.exitCode).toBe(14);
    expect(onWorker.stderr).toContain(`the Docker Engine at ${bed.node('worker1').dockerHost} cannot run services (deploy:): it is a swarm worker, and only a manager runs services; nothing was changed`);
    expect(onWorker.stderr).toContain('docker swarm init');
    const onPlain = await envctl(['-f', p.dir.file, 'plan'], { cwd: p.dir.dir, env: { DOCKER_HOST: 'unix:///var/run/docker.sock' } });
    expect(onPlain.exitCode).toBe(14);
    expect(onPlain.stderr).toContain('cannot run services (deploy:): it is not in swarm mode');

    // The default engine is the machine's (no swarm); `host:` sends the service to the manager.
    p.write(
      service(p, 'web', '      replicas: 1', '    host: swarm').replace('environments:', `hosts:\n  swarm: { docker_host: "${bed.manager.dockerHost}" }\nenvironments:`),
    );
    const applied = await envctl(['-f', p.dir.file, 'apply', '--yes'], { cwd: p.dir.dir, env: { DOCKER_HOST: 'unix:///var/run/docker.sock' } });
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`On engine swarm (${bed.manager.dockerHost}):`);
    await p.running('web', 1);
    expect((await execa('docker', ['service', 'ls', '--format', '{{.Name}}'], { reject: false })).exitCode).not.toBe(0);
  }, 120_000);
});
