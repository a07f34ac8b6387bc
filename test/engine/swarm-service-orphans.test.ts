// The last service of a project is an orphan like any other, on the real testbed through the real CLI: apply makes
// the project's services marker (a never-started container) with its first service; once the spec drops its last
// `deploy:`, plan shows the service, its network and the marker removed, apply removes them, and the next no-op of
// the containers left costs 1 container list + 1 inspect and no Swarm call; destroy leaves no marker either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSwarmTestbed, type SwarmTestbed } from './support/swarm-testbed.js';
import { SwarmProject } from './support/swarm-project.js';
import { waitFor } from '../support/wait-for.js';

const SLEEP = `["sleep", "3600"]`;

describe("a project's last service", () => {
  let bed: SwarmTestbed;
  let p: SwarmProject;

  const spec = (withService: boolean): string =>
    [
      'version: 1',
      `project: ${p.name}`,
      'environments:',
      `  box: { image: ${bed.image}, command: ${SLEEP} }`,
      ...(withService ? ['  web:', `    image: ${bed.image}`, `    command: ${SLEEP}`, '    deploy: { replicas: 1, endpoint_mode: dnsrr }'] : []),
      '',
    ].join('\n');

  /** The project's containers on the manager that are no environment's and no task's: its services marker. */
  const markers = async (): Promise<string[]> =>
    (await p.manager('ps', '-a', '--filter', `label=dev.envctl.project=${p.name}`, '--filter', 'label=dev.envctl.role=services-marker', '--format', '{{.Names}} {{.State}}')).split('\n').filter(Boolean);

  beforeAll(async () => {
    bed = await ensureSwarmTestbed();
    p = new SwarmProject(bed, 'sworph');
  }, 180_000);
  afterAll(async () => {
    await p?.cleanup();
  }, 120_000);

  it('is removed with its network and the marker once the spec drops it; then a no-op makes no Swarm call', async () => {
    p.write(spec(true));
    const applied = await p.run(['apply', '--yes', '--wait-timeout', '150s']);
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(new RegExp(`create-marker +marker:envctl-services-${p.name}`));
    expect(await markers()).toEqual([`envctl-services-${p.name} created`]);
    // The marker is in the list answer, never inspected: the no-op with a service is still 1 list + 1 inspect + 1 service list.
    expect(await p.countedApply()).toEqual({ applied: false, stats: { total: 3, byOp: { 'container.list': 1, 'container.inspect': 1, 'service.list': 1 } } });
    const status = JSON.parse((await p.run(['status', '--json'])).stdout) as { environments: { env: string }[]; orphans: string[] };
    expect(status.environments.map((e) => e.env)).toEqual(['box', 'web']);
    expect(status.orphans).toEqual([]);

    p.write(spec(false));
    const plan = await p.run(['plan']);
    expect(plan.exitCode, plan.stdout + plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(/- remove-service {2}env:web +environment "web" is no longer a service in the spec\n/);
    expect(plan.stdout).toMatch(new RegExp(`- remove-network {2}network:${p.name}_default +no service left in the spec: the project's overlay network goes`));
    expect(plan.stdout).toMatch(new RegExp(`- remove-marker {3}marker:envctl-services-${p.name} +no service left in the spec: the record that the project has services goes last`));
    expect(plan.stdout).toContain('Plan: 1 service to remove, 1 network to remove, 1 marker to remove.');
    expect(plan.stdout).not.toContain('env:box');

    const removed = await p.run(['apply', '--yes']);
    expect(removed.exitCode, removed.stdout + removed.stderr).toBe(0);
    expect(await p.services()).toEqual([]);
    expect(await markers()).toEqual([]);
    await waitFor(async () => (await p.networks()).length === 0, { timeoutMs: 30_000, what: 'the project network to be gone' });

    const again = await p.run(['plan']);
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.stdout.trim()).toBe('No changes. 1 environment matches the spec.');
    expect(await p.countedApply()).toEqual({ applied: false, stats: { total: 2, byOp: { 'container.list': 1, 'container.inspect': 1 } } });
  }, 240_000);

  it('destroy removes the marker with the services', async () => {
    p.write(spec(true));
    expect((await p.run(['apply', '--yes', '--wait-timeout', '150s'])).exitCode).toBe(0);
    expect(await markers()).toHaveLength(1);
    const destroyed = await p.run(['destroy', '--yes']);
    expect(destroyed.exitCode, destroyed.stdout + destroyed.stderr).toBe(0);
    expect(destroyed.stdout).toMatch(new RegExp(`remove-marker +marker:envctl-services-${p.name}`));
    expect(await markers()).toEqual([]);
    expect(await p.services()).toEqual([]);
  }, 240_000);
});
