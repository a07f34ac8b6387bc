// The project's services marker, on the in-memory engine through the real gatherer (app/observe-project.ts): made
// with the first service, it makes a spec without services read the swarm, so the last service is removed as an
// orphan with its network and then the marker; a project of containers alone (no marker) makes no Swarm call.
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../../src/apply/execute-plan.js';
import { observeProject } from '../../../src/app/observe-project.js';
import type { CanonicalEnv } from '../../../src/fields/canonical-env.js';
import { planDestroy } from '../../../src/plan/plan-destroy.js';
import type { Plan } from '../../../src/plan/plan-types.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { defaultDeploy } from '../../support/default-env.js';
import { FakeEngine } from '../support/fake-engine.js';
import { makeDesired, makeEnv, PROJECT } from './build-state.js';

const MARKER = `envctl-services-${PROJECT}`;
const SWARM_CALLS = ['listProjectServices', 'findProjectNetwork', 'listNodes', 'listServiceTasks', 'listTasksOfServices'];

const summary = (plan: Plan): string[] =>
  plan.actions.filter((a) => a.kind !== 'pull').map((a) => `${a.kind} ${a.resource}${a.dependsOn.length > 0 ? ` (after ${a.dependsOn.join(', ')})` : ''}`);

async function planOn(fake: FakeEngine, envs: CanonicalEnv[]): Promise<Plan> {
  return reconcile(makeDesired(envs), await observeProject(fake, makeDesired(envs)));
}

async function applyOn(fake: FakeEngine, envs: CanonicalEnv[]): Promise<Plan> {
  const plan = await planOn(fake, envs);
  const result = await executePlan(plan, fake, { renderer: 'silent' });
  expect(result.ok, JSON.stringify(result.results)).toBe(true);
  return plan;
}

const swarmCalls = (fake: FakeEngine): string[] => fake.callLog().filter((c) => SWARM_CALLS.includes(c.split(' ')[0]!));

describe("the project's services marker", () => {
  const box = makeEnv('box');
  const web = makeEnv('web', { deploy: defaultDeploy() });

  it('is made before the first service, and the service is removed as an orphan (network, then marker) once the spec drops it', async () => {
    const fake = new FakeEngine();
    fake.addImage('busybox:1.36');
    const first = await applyOn(fake, [box, web]);
    expect(summary(first)).toEqual([
      'create env:box',
      'create-network network:lab_default',
      `create-marker marker:${MARKER}`,
      `create-service env:web (after create-network network:lab_default, create-marker marker:${MARKER})`,
    ]);
    expect([...fake.markers.keys()]).toEqual([MARKER]);
    // The marker is no environment: the next plan of the same spec is a no-op.
    expect((await planOn(fake, [box, web])).actions).toEqual([]);

    fake.calls.length = 0;
    const dropped = await planOn(fake, [box]);
    expect(summary(dropped)).toEqual([
      'remove-service env:web',
      'remove-network network:lab_default (after remove-service env:web)',
      `remove-marker marker:${MARKER} (after remove-service env:web, remove-network network:lab_default)`,
    ]);
    expect(dropped.actions[0]!.cause).toBe('environment "web" is no longer a service in the spec');
    expect(dropped.unchanged).toEqual(['env:box']);
    const result = await executePlan(dropped, fake, { renderer: 'silent' });
    expect(result.ok).toBe(true);
    expect(await fake.listProjectServices(PROJECT)).toEqual([]);
    expect(fake.markers.size).toBe(0);

    // Marker gone: a spec of containers is back to no Swarm call at all.
    fake.calls.length = 0;
    expect((await planOn(fake, [box])).actions).toEqual([]);
    expect(swarmCalls(fake)).toEqual([]);
    expect(fake.callLog().filter((c) => c.startsWith('listProject ')).length).toBe(1);
  });

  it('a marker with no service left (removed by hand) goes on its own; destroy removes it after the services', async () => {
    const fake = new FakeEngine();
    fake.addImage('busybox:1.36');
    await applyOn(fake, [web]);
    const [service] = await fake.listProjectServices(PROJECT);
    await fake.removeService(service!.id);
    const plan = await planOn(fake, [box]);
    expect(summary(plan).filter((s) => !s.startsWith('create '))).toEqual([
      'remove-network network:lab_default',
      `remove-marker marker:${MARKER} (after remove-network network:lab_default)`,
    ]);

    const again = new FakeEngine();
    again.addImage('busybox:1.36');
    await applyOn(again, [web]);
    const { servicesMarker } = await again.listProject(PROJECT);
    const destroy = planDestroy(
      { project: PROJECT, containers: [], foreignNames: {}, images: {}, volumes: {}, services: await again.listProjectServices(PROJECT), network: await again.findProjectNetwork(PROJECT), servicesMarker },
      { volumes: false, volumeNames: [] },
    );
    expect(summary(destroy)).toEqual([
      'remove-service env:web',
      'remove-network network:lab_default (after remove-service env:web)',
      `remove-marker marker:${MARKER} (after remove-service env:web, remove-network network:lab_default)`,
    ]);
  });
});
