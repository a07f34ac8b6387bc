// The planner for environments with deploy: and the executor running its steps, on the in-memory engine: a new service
// brings the project's network first; the same spec again is a no-op; a replica change is "scale 2 → 3" carrying the
// version read; drift made by hand is planned as its repair; a service the spec no longer has is removed; an
// environment that becomes a service loses its container. An engine that is no manager refuses in one sentence.
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../../src/apply/execute-plan.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import type { CanonicalEnv, Deploy } from '../../../src/fields/canonical-env.js';
import type { ObservedState } from '../../../src/plan/observed-state.js';
import type { Plan } from '../../../src/plan/plan-types.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { FakeEngine } from '../support/fake-engine.js';
import { Interruption } from '../../../src/errors/interrupted.js';
import { waitFor } from '../../support/wait-for.js';
import { defaultDeploy } from '../../support/default-env.js';
import { makeDesired, makeEnv, makeObserved, observeAs, PROJECT } from './build-state.js';

const deploy = defaultDeploy;

const serviceEnv = (name: string, over: Partial<Deploy> = {}, env: Partial<CanonicalEnv> = {}): CanonicalEnv => makeEnv(name, { deploy: deploy(over), ...env });

/** What the gatherer reads of the fake engine: the service list, and the network when a service is to be made. */
async function observe(fake: FakeEngine, envs: CanonicalEnv[], containers: ObservedState['containers'] = []): Promise<ObservedState> {
  const services = await fake.listProjectServices(PROJECT);
  const missing = envs.some((e) => e.deploy !== null && !services.some((s) => s.envName === e.name));
  return makeObserved(containers, { services, ...(missing ? { network: await fake.findProjectNetwork(PROJECT) } : {}) });
}

const summary = (plan: Plan): string[] => plan.actions.map((a) => `${a.kind} ${a.resource}: ${a.cause}${a.dependsOn.length > 0 ? ` (after ${a.dependsOn.join(', ')})` : ''}`);

async function apply(fake: FakeEngine, envs: CanonicalEnv[]): Promise<void> {
  const plan = reconcile(makeDesired(envs), await observe(fake, envs));
  const result = await executePlan(plan, fake, { renderer: 'silent' });
  expect(result.ok, JSON.stringify(result.results)).toBe(true);
}

describe('planning services', () => {
  it('creates the project network, then the service, and waits for it to converge; the same spec again is a no-op', async () => {
    const fake = new FakeEngine();
    const web = serviceEnv('web');
    const plan = reconcile(makeDesired([web]), await observe(fake, [web]));
    expect(summary(plan)).toEqual([
      "create-network network:lab_default: the overlay network the project's services share",
      'create-service env:web: new service (after create-network network:lab_default)',
    ]);
    expect(plan.steps.map((s) => `${s.id} ← ${s.dependsOn.join(', ')}`)).toEqual([
      'create-network network:lab_default ← ',
      'create-service env:web/create ← create-network network:lab_default',
      'create-service env:web/converge ← create-service env:web/create',
    ]);
    const action = plan.actions[1]!;
    expect(action.kind === 'create-service' && action.spec).toMatchObject({
      Name: 'lab-web',
      Labels: { 'dev.envctl.project': 'lab', 'dev.envctl.env': 'web' },
      Mode: { Replicated: { Replicas: 2 } },
      EndpointSpec: { Mode: 'dnsrr' },
      TaskTemplate: { ContainerSpec: { Image: 'busybox:1.36', Args: ['sleep', 'infinity'] }, Networks: [{ Target: 'lab_default', Aliases: ['web'] }] },
    });

    const result = await executePlan(plan, fake, { renderer: 'silent' });
    expect(result.ok).toBe(true);
    expect(fake.callsTo('createService')).toHaveLength(1);
    expect(fake.callsTo('listTasksOfServices').length).toBeGreaterThan(0);

    const again = reconcile(makeDesired([web]), await observe(fake, [web]));
    expect(again.actions).toEqual([]);
    expect(again.unchanged).toEqual(['env:web']);
  });

  it('plans a replica change as "scale 2 → 3" carrying the version it read, and drift by hand as its repair', async () => {
    const fake = new FakeEngine();
    await apply(fake, [serviceEnv('web')]);
    const scaled = serviceEnv('web', { replicas: 3 });
    const plan = reconcile(makeDesired([scaled]), await observe(fake, [scaled]));
    expect(summary(plan)).toEqual(['update-service env:web: scale 2 → 3']);
    const update = plan.actions[0]!;
    expect(update.diff).toEqual([{ field: 'deploy.replicas', from: '2', to: '3' }]);
    expect(update.kind === 'update-service' && update.version).toBe(1);

    // `docker service scale lab-web=5` by hand: the plan puts the spec's 2 back.
    fake.swarm.scaleByHand('lab-web', 5);
    const web = serviceEnv('web');
    const repair = reconcile(makeDesired([web]), await observe(fake, [web]));
    expect(summary(repair)).toEqual(['update-service env:web: scale 5 → 2']);
    expect(repair.actions[0]!.kind === 'update-service' && repair.actions[0]!.version).toBe(2);

    // A change to the container spec is a rolling update, named by its fields; environment values stay hidden.
    const greeted = serviceEnv('web', {}, { environment: { TOKEN: 'secret-value' } });
    const rolling = reconcile(makeDesired([greeted]), await observe(fake, [greeted]));
    expect(summary(rolling)).toEqual(['update-service env:web: scale 5 → 2; environment changed: rolling update']);
    expect(JSON.stringify(rolling.actions[0]!.diff)).not.toContain('secret-value');
  });

  it('refuses an update from a stale reading as "changed meanwhile"', async () => {
    const fake = new FakeEngine();
    await apply(fake, [serviceEnv('web')]);
    const scaled = serviceEnv('web', { replicas: 3 });
    const plan = reconcile(makeDesired([scaled]), await observe(fake, [scaled]));
    fake.swarm.scaleByHand('lab-web', 4);
    const result = await executePlan(plan, fake, { renderer: 'silent' });
    expect(result.ok).toBe(false);
    expect(result.results[0]).toMatchObject({ status: 'failed', error: { code: 'service-changed' } });
  });

  it('removes a service the spec no longer has, and the container of an environment that became a service', async () => {
    const fake = new FakeEngine();
    await apply(fake, [serviceEnv('old')]);
    const box = makeEnv('box');
    const nowService = serviceEnv('box');
    const observed = await observe(fake, [nowService], [observeAs(box)]);
    const plan = reconcile(makeDesired([nowService]), observed);
    expect(summary(plan)).toEqual([
      'remove env:box: environment "box" is no longer in the spec',
      'create-service env:box: new service (none on the swarm)',
      'remove-service env:old: environment "old" is no longer a service in the spec',
    ]);
  });

  it('Ctrl-C during the convergence wait stops the watching only: each service stays as sent (one request), nothing is undone or removed', async () => {
    const fake = new FakeEngine();
    fake.swarm.stuck = { error: '' };
    const web = serviceEnv('web');
    const api = serviceEnv('api');
    const plan = reconcile(makeDesired([web, api]), await observe(fake, [web, api]));
    const controller = new AbortController();
    const running = executePlan(plan, fake, { renderer: 'silent', signal: controller.signal, concurrency: 1 });
    await waitFor(() => fake.callsTo('listTasksOfServices').length > 0, { timeoutMs: 5000, what: 'the wait to begin' });
    controller.abort(new Interruption('SIGINT'));
    const result = await running;
    expect(result.ok).toBe(false);
    const byId = Object.fromEntries(result.results.map((r) => [r.id, r]));
    expect(byId['create-network network:lab_default']!.status).toBe('done');
    // Both creates are one request each and were made; their waits end with what is left said.
    const waits = ['create-service env:api', 'create-service env:web'].map((id) => byId[id]!);
    expect(waits.map((r) => r.status)).toEqual(['rolled-back', 'rolled-back']);
    expect(waits[0]!.error!.message).toContain('the service is as sent; the swarm goes on converging it');
    expect(fake.callsTo('createService')).toHaveLength(2);
    expect(fake.callsTo('removeService')).toHaveLength(0);
  });

  it('ends the wait with the scheduler\'s words once a task stays unplaceable', async () => {
    const fake = new FakeEngine();
    fake.swarm.stuck = { error: 'no suitable node (scheduling constraints not satisfied on 1 node)' };
    const web = serviceEnv('web', { replicas: 1 });
    const plan = reconcile(makeDesired([web]), await observe(fake, [web]));
    const result = await executePlan(plan, fake, { renderer: 'silent', unplaceableGraceMs: 1000 });
    expect(result.results.at(-1)).toMatchObject({
      status: 'failed',
      error: { code: 'apply-failed', message: 'service lab-web: 0/1 running: no suitable node (scheduling constraints not satisfied on 1 node)' },
    });
  });

  it('says in one sentence that an engine which is no manager cannot run services', async () => {
    const fake = new FakeEngine();
    fake.swarm.manager = false;
    const refused = await fake.listProjectServices(PROJECT).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(EnvctlError);
    expect((refused as EnvctlError).code).toBe('not-swarm-manager');
  });
});
