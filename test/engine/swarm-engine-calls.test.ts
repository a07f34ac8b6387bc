// envctl's Swarm calls on the real testbed, below the CLI: a service created, listed by its project label with task
// counts, updated only with the version it was read at (a stale one is the `service-changed` error), its tasks and
// the nodes read into envctl's types; services listed by exact names and the tasks of several in one call; the project network; and an engine that is no manager says why in one sentence.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTo } from '../../src/engine/connect-engine.js';
import type { DockerEngine } from '../../src/engine/docker-engine.js';
import type { ServiceSpecJson } from '../../src/fields/service-json.js';
import { EnvctlError } from '../../src/errors/envctl-error.js';
import { ensureSwarmTestbed, type SwarmTestbed } from './support/swarm-testbed.js';
import { uniqueProject } from './support/unique-project.js';
import { waitFor } from '../support/wait-for.js';

describe('Swarm engine calls', () => {
  const project = uniqueProject('swcalls');
  let bed: SwarmTestbed;
  let engine: DockerEngine;

  const spec = (replicas: number): ServiceSpecJson => ({
    Name: `${project}-web`,
    Labels: { 'dev.envctl.project': project, 'dev.envctl.env': 'web' },
    TaskTemplate: { ContainerSpec: { Image: bed.image, Args: ['sleep', '3600'], StopGracePeriod: 1e9 } },
    Mode: { Replicated: { Replicas: replicas } },
    EndpointSpec: { Mode: 'dnsrr' },
  });

  beforeAll(async () => {
    bed = await ensureSwarmTestbed();
    engine = connectTo(bed.manager.dockerHost);
  }, 180_000);
  afterAll(async () => {
    await execa('docker', ['service', 'rm', `${project}-web`], { env: bed.manager.env, reject: false });
    await execa('docker', ['network', 'rm', `${project}_default`], { env: bed.manager.env, reject: false });
  });

  it('creates, lists, updates with the version index and refuses a stale one as "changed meanwhile"', async () => {
    const id = await engine.createService(spec(1));
    expect(id).toMatch(/^[a-z0-9]{25}$/);
    engine.resetStats();
    const [listed] = await engine.listProjectServices(project);
    expect(engine.stats().byOp).toEqual({ 'service.list': 1 });
    expect(listed).toMatchObject({ id, name: `${project}-web`, project, envName: 'web', desiredTasks: 1 });
    expect(listed!.spec.TaskTemplate.ContainerSpec.Args).toEqual(['sleep', '3600']);

    await engine.updateService(id, listed!.version, spec(2));
    const after = await engine.inspectService(id);
    expect(after!.version).toBeGreaterThan(listed!.version);
    expect(after!.spec.Mode.Replicated?.Replicas).toBe(2);

    // Someone else's change moved the version: an update from the old reading is refused, and says so.
    const stale = await engine.updateService(id, listed!.version, spec(3)).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(EnvctlError);
    expect((stale as EnvctlError).code).toBe('service-changed');
    expect((stale as EnvctlError).message).toBe(`service ${project}-web changed on the engine meanwhile (its version moved); it was not updated`);
    expect((await engine.inspectService(id))!.spec.Mode.Replicated?.Replicas).toBe(2);

    const tasks = await waitFor(async () => {
      const t = (await engine.listServiceTasks(id)).filter((x) => x.desiredState === 'running' && x.state === 'running');
      return t.length === 2 ? t : null;
    }, { timeoutMs: 60_000, what: 'two running tasks' });
    const nodes = await engine.listNodes();
    expect(nodes.map((n) => n.hostname).sort()).toEqual(bed.nodes.map((n) => n.hostname).sort());
    expect(tasks.every((t) => nodes.some((n) => n.id === t.nodeId))).toBe(true);
    expect(nodes.find((n) => n.hostname === bed.node('worker1').hostname)!.genericResources.length).toBeGreaterThan(0);

    await engine.removeService(id);
    expect(await engine.inspectService(id)).toBeNull();
    await engine.removeService(id); // absent is fine
  });

  it('lists the services of exactly these names and the tasks of several services in one call each; a gone one voids the task list', async () => {
    const [a, ab] = [`${project}-a`, `${project}-ab`];
    const one = (name: string): ServiceSpecJson => ({ ...spec(1), Name: name });
    const ids = [await engine.createService(one(a)), await engine.createService(one(ab))];
    try {
      engine.resetStats();
      // The engine's name filter matches prefixes: `-a` finds `-ab` too, and the call keeps the exact name only.
      expect((await engine.listServicesNamed([a])).map((s) => s.name)).toEqual([a]);
      expect((await engine.listServicesNamed([ab, a])).map((s) => s.id).sort()).toEqual([...ids].sort());
      expect(engine.stats().byOp).toEqual({ 'service.list': 2 });
      // The values of one filter are ORed: the tasks of both services, in one call.
      const tasks = await waitFor(async () => {
        const t = await engine.listTasksOfServices(ids);
        return ids.every((id) => t!.some((x) => x.serviceId === id)) ? t! : null;
      }, { timeoutMs: 60_000, what: 'tasks of both services' });
      expect(new Set(tasks.map((t) => t.serviceId))).toEqual(new Set(ids));
      engine.resetStats();
      await engine.listTasksOfServices(ids);
      expect(engine.stats().byOp).toEqual({ 'task.list': 1 });
      await engine.removeService(ids[1]!);
      // The engine refuses the whole list (404 "service … not found") when one of them is gone.
      expect(await engine.listTasksOfServices(ids)).toBeNull();
    } finally {
      for (const id of ids) await engine.removeService(id);
    }
  }, 90_000);

  it('creates, finds and removes the project\'s attachable overlay network by its labels', async () => {
    expect(await engine.findProjectNetwork(project)).toBeNull();
    const id = await engine.createProjectNetwork(project, `${project}_default`);
    // The manager's list leaves out the swarm's networks for a moment when its cluster query fails under load (dockerd
    // drops that error): wait for it to list the network, as the next plan would.
    expect(await waitFor(() => engine.findProjectNetwork(project), { timeoutMs: 20_000, what: 'the manager to list the new network' })).toEqual({ id, name: `${project}_default` });
    // A plan that did not see it (that same gap) plans its creation again: the network is the project's, so it is used.
    expect(await engine.createProjectNetwork(project, `${project}_default`)).toBe(id);
    // Another's network of that name is a conflict, said as the engine says it.
    await expect(engine.createProjectNetwork(`${project}x`, `${project}_default`)).rejects.toThrow(/already exists/);
    const inspect = JSON.parse((await execa('docker', ['network', 'inspect', id], { env: bed.manager.env })).stdout) as { Driver: string; Attachable: boolean; Labels: Record<string, string> }[];
    expect(inspect[0]).toMatchObject({ Driver: 'overlay', Attachable: true, Labels: { 'dev.envctl.project': project, 'dev.envctl.role': 'network' } });
    await engine.removeNetwork(id);
    expect(await engine.findProjectNetwork(project)).toBeNull();
  });

  it('says in one sentence that a worker, or an engine not in swarm mode, cannot run services', async () => {
    const worker = connectTo(bed.node('worker1').dockerHost);
    const refused = await worker.listProjectServices(project).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EnvctlError);
    expect((refused as EnvctlError).code).toBe('not-swarm-manager');
    expect((refused as EnvctlError).message).toBe(
      `the Docker Engine at ${bed.node('worker1').dockerHost} cannot run services (deploy:): it is a swarm worker, and only a manager runs services; nothing was changed`,
    );
    expect((refused as EnvctlError).hint).toContain('docker swarm init');

    // The machine's own engine is not in swarm mode.
    const plain = await connectTo('unix:///var/run/docker.sock').listProjectServices(project).catch((e: unknown) => e);
    expect((plain as EnvctlError).code).toBe('not-swarm-manager');
    expect((plain as EnvctlError).message).toBe(
      'the Docker Engine at unix:///var/run/docker.sock cannot run services (deploy:): it is not in swarm mode; nothing was changed',
    );
  });
});
