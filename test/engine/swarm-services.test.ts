// Environments with deploy: as Swarm services, through the real CLI on the real multi-node testbed: replicas spread
// over the nodes and reach each other by name over the project's overlay network; a second apply is a no-op (and
// costs one container list and one service list); status shows replicas and nodes; drift made by hand is shown as
// the change that repairs it and repaired; a start-first rolling update; a worker's dockerd killed has its tasks
// rescheduled and the next plan says so (here, so no other test of these runs meanwhile); destroy removes services and network but keeps named volumes.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ensureSwarmTestbed, type SwarmTestbed } from './support/swarm-testbed.js';
import { SwarmProject } from './support/swarm-project.js';
import { freePort } from '../support/free-port.js';
import { waitFor } from '../support/wait-for.js';

const SLEEP_ARGS = `["sleep", "3600"]`;

/** An httpd on 8080 serving the task's hostname, gone at once on SIGTERM. */
const SERVE_HOSTNAME = `["sh", "-c", "trap 'exit 0' TERM; mkdir -p /tmp/w && hostname >/tmp/w/index.html && httpd -p 8080 -h /tmp/w; while :; do sleep 1 & wait $$!; done"]`;

describe('environments as Swarm services', () => {
  let bed: SwarmTestbed;
  let p: SwarmProject;
  let port: number;

  const spec = (replicas: number, extra = ''): string =>
    [
      'version: 1',
      `project: ${p.name}`,
      'environments:',
      // A plain container on the manager's engine, next to the service: neither disturbs the other's plan.
      `  box: { image: ${bed.image}, command: ${SLEEP_ARGS} }`,
      '  web:',
      `    image: ${bed.image}`,
      `    command: ${SERVE_HOSTNAME}`,
      '    environment: { GREETING: hello }',
      `    ports: [{ target: 8080, published: ${port}, mode: host }]`,
      `    volumes: ["${p.name}-data:/data"]`,
      '    deploy:',
      `      replicas: ${replicas}`,
      '      endpoint_mode: dnsrr',
      '      placement: { max_replicas_per_node: 1 }',
      extra,
      '',
    ].join('\n');

  beforeAll(async () => {
    bed = await ensureSwarmTestbed();
    p = new SwarmProject(bed, 'swsvc');
    port = await freePort();
  }, 180_000);
  afterAll(async () => {
    await p?.cleanup([`${p.name}-data`]);
  }, 120_000);

  it('apply spreads the replicas over the nodes, which reach each other by name; a second apply is a no-op of 2 list calls (+1 inspect for a container beside)', async () => {
    p.write(spec(3));
    const applied = await p.run(['apply', '--yes', '--wait-timeout', '150s']);
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`create-network  network:${p.name}_default`);
    expect(applied.stdout).toContain('create-service  env:web');
    expect(applied.stdout).toMatch(/3\/3 running/);
    expect(applied.stdout).toContain('3 running on envctl-swarm-manager, envctl-swarm-worker1, envctl-swarm-worker2');

    const tasks = await p.running('web', 3);
    expect(tasks.map((t) => t.node).sort()).toEqual(bed.nodes.map((n) => n.hostname).sort());
    // mode: host: each node answers on the published port with its own task's hostname.
    for (const node of bed.nodes) {
      const task = tasks.find((t) => t.node === node.hostname)!;
      const got = await waitFor(async () => (await fetch(`http://${node.address}:${port}/`)).text(), { timeoutMs: 20_000, what: `${node.hostname}:${port}` });
      expect(got.trim()).toBe(task.containerId.slice(0, 12));
    }
    // Over the overlay network, by the environment's name and by the service's (dnsrr: one address per task).
    const one = tasks[0]!;
    const node = bed.nodes.find((n) => n.hostname === one.node)!;
    const names = await p.on(node, 'exec', one.containerId, 'nslookup', `${p.name}-web`);
    expect(names.match(/Address:? \d*:? ?10\./g)).toHaveLength(3);
    expect((await p.on(node, 'exec', one.containerId, 'nslookup', 'web')).match(/Address:? \d*:? ?10\./g)).toHaveLength(3);
    const reply = (await p.on(node, 'exec', one.containerId, 'wget', '-qO-', 'http://web:8080/')).trim();
    expect(tasks.map((t) => t.containerId.slice(0, 12))).toContain(reply);

    expect(applied.stdout).toContain('create          env:box');
    const again = await p.run(['plan']);
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.stdout.trim()).toBe('No changes. 2 environments match the spec.');

    // The no-op apply, counted on the wire: one list call for the project's containers (the service's task containers
    // on this node are not among them), one inspect for the container, one list call for the services.
    expect(await p.countedApply()).toEqual({ applied: false, stats: { total: 3, byOp: { 'container.list': 1, 'container.inspect': 1, 'service.list': 1 } } });

    const status = JSON.parse((await p.run(['status', '--json'])).stdout) as { environments: { env: string; drift: boolean; service: { desired: number; running: number; nodes: { node: string; tasks: number }[] } }[] };
    expect(status.environments[0]).toMatchObject({ env: 'box', drift: false, state: 'running' });
    expect(status.environments[1]).toMatchObject({ env: 'web', drift: false, service: { desired: 3, running: 3 } });
    expect(status.environments[1]!.service.nodes.map((n) => n.node)).toEqual(bed.nodes.map((n) => n.hostname).sort());
  }, 240_000);

  it('shows drift made by hand as the change that repairs it, and repairs it', async () => {
    await p.manager('service', 'scale', '--detach', `${p.name}-web=2`);
    await p.manager('service', 'update', '--detach', '--env-add', 'EXTRA=1', `${p.name}-web`);
    const plan = await p.run(['plan']);
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toContain('update-service  env:web  scale 2 → 3; environment changed: rolling update');
    expect(plan.stdout).toContain('deploy.replicas: 2 → 3');
    expect(plan.stdout).toContain('environment: -EXTRA');
    const repaired = await p.run(['apply', '--yes', '--wait-timeout', '150s']);
    expect(repaired.exitCode, repaired.stdout + repaired.stderr).toBe(0);
    const tasks = await p.running('web', 3);
    expect(tasks.every((t) => t.env.join(',') === 'GREETING=hello')).toBe(true);

    // A service removed by hand is made again.
    await p.manager('service', 'rm', `${p.name}-web`);
    const gone = await p.run(['plan']);
    expect(gone.stdout).toContain('create-service  env:web  new service (none on the swarm)');
    expect((await p.run(['apply', '--yes', '--wait-timeout', '150s'])).exitCode).toBe(0);
    await p.running('web', 3);
    expect((await p.run(['plan'])).exitCode).toBe(0);
  }, 240_000);

  it('rolls an update out start-first: each new task runs before the one it replaces stops', async () => {
    // Start-first runs two tasks of a slot at once: no host-mode port (one per node) and no one-per-node limit then.
    const next = spec(3, '      update_config: { order: start-first, parallelism: 1 }')
      .replace('GREETING: hello', 'GREETING: bonjour')
      .replace(`    ports: [{ target: 8080, published: ${port}, mode: host }]\n`, '')
      .replace('      placement: { max_replicas_per_node: 1 }\n', '');
    p.write(next);
    const plan = await p.run(['plan']);
    expect(plan.stdout).toContain('deploy.update_config.order: stop-first → start-first');
    expect(plan.stdout).toContain('environment: ~GREETING');
    const applied = await p.run(['apply', '--yes', '--wait-timeout', '150s']);
    expect(applied.exitCode, applied.stdout + applied.stderr).toBe(0);
    // Apply is done once the new tasks run; a replaced task may still be shutting down (its stop not recorded yet).
    const all = await waitFor(async () => {
      const tasks = await p.tasks('web');
      return tasks.every((t) => t.desired === 'running' || t.state !== 'running') ? tasks : null;
    }, { timeoutMs: 30_000, intervalMs: 250, what: 'the replaced tasks to stop' });
    const fresh = all.filter((t) => t.desired === 'running');
    expect(fresh).toHaveLength(3);
    expect(fresh.every((t) => t.state === 'running' && t.env.includes('GREETING=bonjour'))).toBe(true);
    for (const t of fresh) {
      // The task this one replaced: the slot's latest of the old spec (earlier tests left older generations).
      const replaced = all
        .filter((o) => o.slot === t.slot && o.desired !== 'running' && o.env.includes('GREETING=hello'))
        .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))[0];
      expect(replaced).toBeDefined();
      // Start-first: the old task's stop (its last state change) came after the new task ran (stop-first: before).
      expect(Date.parse(replaced!.at)).toBeGreaterThanOrEqual(Date.parse(t.at));
    }
    expect((await p.run(['plan'])).exitCode).toBe(0);
  }, 240_000);

  it("reschedules a dead worker's tasks, and the next plan says so", async () => {
    const p = new SwarmProject(bed, 'swkill');
    onTestFinished(() => p.cleanup());
    const worker = bed.node('worker2');
    p.write(['version: 1', `project: ${p.name}`, 'environments:', '  web:', `    image: ${bed.image}`, `    command: ${SERVE_HOSTNAME}`, '    deploy:', '      replicas: 3', '      placement: { preferences: [{ spread: node.id }] }', ''].join('\n'));
    expect((await p.run(['apply', '--yes', '--wait-timeout', '150s'])).exitCode).toBe(0);
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

  it('destroy removes the services and the network, and keeps the named volumes', async () => {
    const holders = await p.volumeNodes(`${p.name}-data`);
    expect(holders.length).toBeGreaterThan(0);
    const destroyed = await p.run(['destroy', '--yes']);
    expect(destroyed.exitCode, destroyed.stdout + destroyed.stderr).toBe(0);
    expect(destroyed.stdout).toContain('remove-service  env:web');
    expect(destroyed.stdout).toContain('remove          env:box');
    expect(destroyed.stdout).toContain(`remove-network  network:${p.name}_default`);
    expect(await p.services()).toEqual([]);
    // The manager accepted the removal; its own node lets go of the network once the last task container is gone.
    await waitFor(async () => (await p.networks()).length === 0, { timeoutMs: 30_000, what: 'the project network to be gone' });
    expect(await p.volumeNodes(`${p.name}-data`)).toEqual(holders);
  }, 120_000);
});
