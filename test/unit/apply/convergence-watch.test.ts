// The run's one convergence watch over the services apply waits for, on the in-memory engine: every round is ONE
// service list and ONE task list call whatever the number of waiters (and one node list when someone converged); a
// wait that starts later joins the next round, one that ends leaves it; each waiter gets its own verdict (unplaceable,
// removed, timed out) while the others go on; a service gone between the two calls of a round is asked for again;
// Ctrl-C withdraws the waiters at once.
import { describe, expect, it } from 'vitest';
import { ConvergenceWatch } from '../../../src/apply/convergence-watch.js';
import type { RunActionContext } from '../../../src/apply/run-action.js';
import { waitForService } from '../../../src/apply/wait-for-service.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import { Interruption } from '../../../src/errors/interrupted.js';
import type { ActionOf } from '../../../src/plan/plan-types.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { defaultDeploy } from '../../support/default-env.js';
import { waitFor } from '../../support/wait-for.js';
import { makeDesired, makeEnv, makeObserved, PROJECT } from '../plan/build-state.js';
import { FakeEngine, type FakeCall } from '../support/fake-engine.js';

/** A short round, so that the tests take tens of rounds in well under a second. */
const ROUND_MS = 20;

type CreateService = ActionOf<'create-service'>;

/** The planner's create-service actions for these environments, their services made on the fake engine. */
async function createServices(fake: FakeEngine, names: string[]): Promise<CreateService[]> {
  const envs = names.map((name) => makeEnv(name, { deploy: defaultDeploy() }));
  const plan = reconcile(makeDesired(envs), makeObserved([], { services: [], network: { id: 'net1', name: `${PROJECT}_default` } }));
  const actions = plan.actions.filter((a): a is CreateService => a.kind === 'create-service');
  for (const action of actions) await fake.createService(action.spec);
  return actions.sort((a, b) => names.indexOf(a.env.name) - names.indexOf(b.env.name));
}

const named = (calls: FakeCall[]): string[][] => calls.map((c) => [...(c.args[0] as string[])].sort());

function waiting(fake: FakeEngine, watch: ConvergenceWatch, more: Partial<RunActionContext> = {}) {
  const lines = new Map<string, string[]>();
  const wait = (action: CreateService): Promise<void> =>
    waitForService(action, fake, {
      project: PROJECT,
      convergence: watch,
      report: (line) => lines.set(action.converge.service, [...(lines.get(action.converge.service) ?? []), line]),
      ...more,
    });
  return { wait, lines };
}

describe('the convergence watch', () => {
  it('reads every waiting service with one service list and one task list call per round, and the nodes once', async () => {
    const fake = new FakeEngine();
    const actions = await createServices(fake, ['web', 'api', 'db']);
    fake.swarm.stuck = { error: '' };
    const { wait, lines } = waiting(fake, new ConvergenceWatch(fake, ROUND_MS));
    const waits = actions.map(wait);
    await waitFor(() => fake.callsTo('listServicesNamed').length >= 3, { timeoutMs: 5000, what: 'three rounds' });
    fake.swarm.stuck = null;
    await Promise.all(waits);

    const lists = fake.callsTo('listServicesNamed');
    const taskLists = fake.callsTo('listTasksOfServices');
    expect(named(lists)).toEqual(lists.map(() => ['lab-api', 'lab-db', 'lab-web']));
    expect(taskLists.map((c) => (c.args[0] as string[]).length)).toEqual(lists.map(() => 3));
    // Rounds one after the other, ROUND_MS apart from start to start.
    for (let i = 1; i < lists.length; i += 1) {
      expect(lists[i]!.startedAt).toBeGreaterThanOrEqual(taskLists[i - 1]!.endedAt!);
      expect(lists[i]!.startedAt - lists[i - 1]!.startedAt).toBeGreaterThanOrEqual(ROUND_MS - 1);
    }
    expect(fake.callsTo('listNodes')).toHaveLength(1);
    expect(fake.callsTo('inspectService')).toHaveLength(0);
    expect(fake.callsTo('listServiceTasks')).toHaveLength(0);
    expect(lines.get('lab-web')![0]).toBe('0/2 running');
    expect(lines.get('lab-web')!.slice(-2)).toEqual(['2/2 running', '2 running on fake-node ×2']);
  });

  it('takes a wait that starts later into the next round, and leaves out one that ended', async () => {
    const fake = new FakeEngine();
    const [web, api, db] = await createServices(fake, ['web', 'api', 'db']);
    fake.swarm.stuckServices.set('lab-web', { error: '' });
    fake.swarm.stuckServices.set('lab-api', { error: '' });
    const { wait, lines } = waiting(fake, new ConvergenceWatch(fake, ROUND_MS));
    const webWait = wait(web!);
    const dbDone = wait(db!);
    await dbDone; // not stuck: converged in the first round, which both shared
    await waitFor(() => fake.callsTo('listServicesNamed').length >= 3, { timeoutMs: 5000, what: 'rounds without db' });
    const apiWait = wait(api!);
    await waitFor(() => named(fake.callsTo('listServicesNamed')).some((n) => n.includes('lab-api')), { timeoutMs: 5000, what: 'api in a round' });
    fake.swarm.stuckServices.clear();
    await Promise.all([webWait, apiWait]);

    const rounds = named(fake.callsTo('listServicesNamed'));
    expect(rounds[0]).toEqual(['lab-db', 'lab-web']);
    const joined = rounds.findIndex((n) => n.includes('lab-api'));
    expect(rounds.slice(1, joined)).toEqual(rounds.slice(1, joined).map(() => ['lab-web']));
    expect(rounds.slice(joined)).toEqual(rounds.slice(joined).map(() => ['lab-api', 'lab-web']));
    expect(fake.callsTo('listTasksOfServices')).toHaveLength(rounds.length);
    // One node list in the round db converged in, one in the round web and api did.
    expect(fake.callsTo('listNodes')).toHaveLength(2);
    expect(lines.get('lab-db')).toEqual(['2/2 running', '2 running on fake-node ×2']);
  });

  it('gives each waiter its own verdict — unplaceable, removed meanwhile, timed out — while the others go on', async () => {
    const fake = new FakeEngine();
    const [web, db, cache, api] = await createServices(fake, ['web', 'db', 'cache', 'api']);
    fake.swarm.stuck = { error: '' };
    fake.swarm.stuckServices.set('lab-web', { error: 'no suitable node (scheduling constraints not satisfied on 1 node)' });
    const watch = new ConvergenceWatch(fake, ROUND_MS);
    const { wait } = waiting(fake, watch, { unplaceableGraceMs: 100 });
    const { wait: waitBriefly } = waiting(fake, watch, { convergeTimeoutMs: 600 });
    const webWait = wait(web!).catch((e: unknown) => e);
    const dbWait = wait(db!).catch((e: unknown) => e);
    const cacheWait = waitBriefly(cache!).catch((e: unknown) => e);
    const apiWait = wait(api!);
    await waitFor(() => fake.callsTo('listServicesNamed').length >= 1, { timeoutMs: 5000, what: 'the first round' });
    fake.swarm.remove(fake.swarm.inspect('lab-db')!.id);

    expect(await webWait).toMatchObject({
      code: 'apply-failed',
      message: 'service lab-web: 0/2 running: no suitable node (scheduling constraints not satisfied on 1 node)',
    });
    expect(await dbWait).toMatchObject({ code: 'not-found', message: 'service lab-db was removed while envctl waited for it to converge' });
    expect(await cacheWait).toMatchObject({
      code: 'apply-failed',
      message: 'service lab-cache did not converge within 1 s (0/2 running); the swarm goes on trying',
    });
    const before = fake.callsTo('listServicesNamed').length;
    fake.swarm.stuck = null;
    await apiWait;
    const after = named(fake.callsTo('listServicesNamed').slice(before));
    expect(after).toEqual(after.map(() => ['lab-api']));
    expect(after.length).toBeGreaterThan(0);
  });

  it('asks again for a round in which a service went between the service list and the task list', async () => {
    const fake = new FakeEngine();
    const [web, api] = await createServices(fake, ['web', 'api']);
    fake.swarm.stuck = { error: '' };
    // The first task list takes long enough for the test to remove api while it runs.
    let slowed = false;
    fake.slowDown('listTasksOfServices', 1000, { when: () => !slowed && (slowed = true) });
    const { wait } = waiting(fake, new ConvergenceWatch(fake, ROUND_MS));
    const webWait = wait(web!);
    const apiWait = wait(api!).catch((e: unknown) => e);
    await waitFor(() => fake.callsTo('listTasksOfServices').length >= 1, { timeoutMs: 5000, what: 'the first task list', intervalMs: 0 });
    fake.swarm.remove(fake.swarm.inspect('lab-api')!.id);
    expect(await apiWait).toMatchObject({ code: 'not-found', message: 'service lab-api was removed while envctl waited for it to converge' });
    fake.swarm.stuck = null;
    await webWait;
    // The first round found no tasks to answer with (the engine refuses a task list naming a gone service).
    expect(named(fake.callsTo('listServicesNamed')).slice(0, 2)).toEqual([
      ['lab-api', 'lab-web'],
      ['lab-api', 'lab-web'],
    ]);
    expect(fake.callsTo('listTasksOfServices')[1]!.args[0]).toEqual([fake.swarm.inspect('lab-web')!.id]);
  });

  it('hands an engine error of a round to every waiter of that round', async () => {
    const fake = new FakeEngine();
    const actions = await createServices(fake, ['web', 'api']);
    fake.failOn('listServicesNamed', new EnvctlError('engine-timeout', 'the Docker Engine at fake://engine did not answer within 30 s'), { times: 1 });
    const { wait } = waiting(fake, new ConvergenceWatch(fake, ROUND_MS));
    const verdicts = await Promise.all(actions.map((a) => wait(a).catch((e: unknown) => e)));
    expect(verdicts.map((e) => (e as EnvctlError).code)).toEqual(['engine-timeout', 'engine-timeout']);
    expect(fake.callsTo('listServicesNamed')).toHaveLength(1);
  });

  it('withdraws the waiters at once on Ctrl-C: the next round reads only a wait that began after it', async () => {
    const fake = new FakeEngine();
    const [web, api, db] = await createServices(fake, ['web', 'api', 'db']);
    fake.swarm.stuck = { error: '' };
    const watch = new ConvergenceWatch(fake, ROUND_MS);
    const controller = new AbortController();
    const { wait } = waiting(fake, watch, { signal: controller.signal });
    const waits = [web!, api!].map((a) => wait(a).catch((e: unknown) => e));
    await waitFor(() => fake.callsTo('listServicesNamed').length >= 1, { timeoutMs: 5000, what: 'the first round' });
    controller.abort(new Interruption('SIGINT'));
    const verdicts = (await Promise.all(waits)) as EnvctlError[];
    expect(verdicts.map((e) => e.code)).toEqual(['interrupted', 'interrupted']);
    expect(verdicts[0]!.message).toBe(
      'wait for service lab-web interrupted (Ctrl-C); the service is as sent; the swarm goes on converging it (`envctl status` shows how far)',
    );
    const before = fake.callsTo('listServicesNamed').length;
    fake.swarm.stuck = null;
    await waiting(fake, watch).wait(db!);
    expect(named(fake.callsTo('listServicesNamed').slice(before))).toEqual([['lab-db']]);
  });
});
