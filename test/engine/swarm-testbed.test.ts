// The Swarm testbed (scripts/swarm-up.sh) is a real multi-node swarm: proven with the docker CLI alone, before any
// envctl Swarm code exists — three ready nodes, each its own dockerd; replicas spread; a GPU reservation lands on the
// GPU worker with its DOCKER_RESOURCE_NVIDIA-GPU assignment; dnsrr replicas on an overlay find each other across
// nodes; a `mode: host` port answers at its node's address; every node pulls from the testbed's registry.
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureSwarmTestbed, type SwarmNode, type SwarmTestbed } from './support/swarm-testbed.js';
import { uniqueProject } from './support/unique-project.js';
import { freePort } from '../support/free-port.js';
import { waitFor } from '../support/wait-for.js';

/** Labels every service and network a test here makes, so a leftover can be traced to this file. */
const MADE_BY = 'dev.envctl.testbed.test=swarm-testbed';
/** An httpd serving the node's hostname on 8080 that exits at once on SIGTERM (removing its service is quick). */
const SERVE_HOSTNAME = [
  'sh', '-c',
  'trap "exit 0" TERM; mkdir -p /tmp/w && hostname >/tmp/w/index.html && httpd -p 8080 -h /tmp/w; while :; do sleep 1 & wait $!; done',
];

interface Task {
  node: string;
  state: string;
  error: string;
  containerId: string;
}

interface TaskInspect {
  NodeID?: string;
  Status: { State: string; Err?: string; ContainerStatus?: { ContainerID?: string } };
}

describe.concurrent('the Swarm testbed is a real multi-node swarm', () => {
  let bed: SwarmTestbed;
  const on = async (node: SwarmNode, ...args: string[]): Promise<string> => (await execa('docker', args, { env: node.env })).stdout.trim();
  const manager = (...args: string[]): Promise<string> => on(bed.manager, ...args);
  const hostnameOf = (id: string | undefined): string => bed.nodes.find((n) => n.id === id)?.hostname ?? '';

  /** The service's tasks that should be running, as the manager sees them (node hostname, state, error). */
  const tasks = async (service: string): Promise<Task[]> => {
    const ids = (await manager('service', 'ps', '-q', '--filter', 'desired-state=running', service)).split('\n').filter(Boolean);
    if (ids.length === 0) return [];
    return (JSON.parse(await manager('inspect', '--type', 'task', ...ids)) as TaskInspect[]).map((t) => ({
      node: hostnameOf(t.NodeID),
      state: t.Status.State,
      error: t.Status.Err ?? '',
      containerId: t.Status.ContainerStatus?.ContainerID ?? '',
    }));
  };
  /** Polls the service's tasks until `done` holds. */
  const waitForTasks = async (service: string, done: (t: Task[]) => boolean, seconds = 60): Promise<Task[]> => {
    let last: Task[] = [];
    return waitFor(async () => (done((last = await tasks(service))) ? last : null), {
      timeoutMs: seconds * 1000,
      intervalMs: 200,
      what: () => `service ${service} to get there; its tasks: ${JSON.stringify(last)}`,
    });
  };
  const running = (n: number) => (t: Task[]) => t.filter((x) => x.state === 'running').length === n;
  const nodeNamed = (hostname: string): SwarmNode => bed.nodes.find((n) => n.hostname === hostname)!;

  /**
   * What one test makes, removed when it ends, in order: its services and their containers on every node, its
   * networks (accepted once those containers are gone; Swarm deletes them a moment later), then whatever else it
   * registered.
   */
  const made = (onTestFinished: (fn: () => Promise<void>) => void) => {
    const services: string[] = [];
    const networks: string[] = [];
    const later: (() => Promise<void>)[] = [];
    onTestFinished(async () => {
      if (services.length > 0) {
        await execa('docker', ['service', 'rm', ...services], { env: bed.manager.env, reject: false });
        // The nodes' agents remove the containers a few seconds later; removing them now makes that immediate.
        const filters = services.flatMap((name) => ['--filter', `label=com.docker.swarm.service.name=${name}`]);
        await Promise.all(bed.nodes.map(async (n) => {
          const ids = (await on(n, 'ps', '-aq', ...filters)).split('\n').filter(Boolean);
          if (ids.length > 0) await execa('docker', ['rm', '-f', ...ids], { env: n.env, reject: false });
        }));
      }
      if (networks.length > 0) await execa('docker', ['network', 'rm', ...networks], { env: bed.manager.env, reject: false });
      for (const fn of later) await fn();
    });
    return {
      /** Creates a service, detached and labelled. */
      service: async (name: string, ...args: string[]): Promise<void> => {
        services.push(name);
        await manager('service', 'create', '--detach', '--name', name, '--label', MADE_BY, ...args);
      },
      /** Creates an attachable overlay network. */
      network: async (name: string): Promise<void> => {
        networks.push(name);
        await manager('network', 'create', '--driver', 'overlay', '--attachable', '--label', MADE_BY, name);
      },
      later: (fn: () => Promise<void>): void => void later.push(fn),
    };
  };

  beforeAll(async () => {
    bed = await ensureSwarmTestbed();
  }, 180_000);

  it('has three ready nodes — one manager, two workers — each its own dockerd in its own namespace', async () => {
    const listed = (await manager('node', 'ls', '--format', '{{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}}'))
      .split('\n').map((l) => l.trimEnd()).sort();
    expect(listed).toEqual([
      'envctl-swarm-manager Ready Active Leader',
      'envctl-swarm-worker1 Ready Active',
      'envctl-swarm-worker2 Ready Active',
    ]);
    expect(bed.nodes.map((n) => [n.name, n.role])).toEqual([['manager', 'manager'], ['worker1', 'worker'], ['worker2', 'worker']]);
    // Each DOCKER_HOST reaches a different daemon, which knows itself as that node and swarms from an address that
    // exists only in that node's network namespace.
    const hostAddresses = (await execa('ip', ['-4', '-o', 'addr', 'show'])).stdout;
    for (const node of bed.nodes) {
      expect(await on(node, 'info', '--format', '{{.Swarm.NodeID}} {{.Name}} {{.Swarm.LocalNodeState}} {{.Swarm.NodeAddr}}'))
        .toBe(`${node.id} ${node.hostname} active ${node.address}`);
      expect((await execa('ip', ['-n', node.netns, '-4', '-o', 'addr', 'show', 'eth0'])).stdout).toContain(` ${node.address}/24 `);
      expect(hostAddresses).not.toContain(` ${node.address}/`);
    }
    expect(new Set(bed.nodes.map((n) => n.address)).size).toBe(3);
    const gpu = bed.node('worker1');
    expect(gpu.genericResources).toEqual([{ kind: 'NVIDIA-GPU', value: 'GPU-testbed-0' }, { kind: 'NVIDIA-GPU', value: 'GPU-testbed-1' }]);
    expect(gpu.labels.gpu).toBe('true');
    for (const name of ['manager', 'worker2']) {
      expect(bed.node(name).genericResources).toEqual([]);
      expect(bed.node(name).labels.gpu).toBeUndefined();
    }
  });

  it('spreads replicas over the nodes: 3 replicas, at most one per node, run one on each', async ({ onTestFinished }) => {
    const name = uniqueProject('spread');
    await made(onTestFinished).service(name, '--replicas', '3', '--replicas-max-per-node', '1', bed.image);
    const placed = await waitForTasks(name, running(3));
    expect(placed.map((t) => t.node).sort()).toEqual(bed.nodes.map((n) => n.hostname).sort());
  });

  it('puts a GPU reservation only on the GPU worker, each task with its own DOCKER_RESOURCE_NVIDIA-GPU; a third waits for a GPU', async ({ onTestFinished }) => {
    const name = uniqueProject('gpu');
    await made(onTestFinished).service(name, '--replicas', '3', '--generic-resource', 'NVIDIA-GPU=1', bed.image);
    const all = await waitForTasks(name, (t) => running(2)(t) && t.some((x) => x.state === 'pending' && x.error !== ''));
    const placed = all.filter((t) => t.state === 'running');
    expect(placed.map((t) => t.node)).toEqual([bed.node('worker1').hostname, bed.node('worker1').hostname]);
    // The assignment is in the container's environment on the node, one GPU each.
    const gpus = await Promise.all(placed.map(async (t) => {
      const env = JSON.parse(await on(bed.node('worker1'), 'inspect', '--format', '{{json .Config.Env}}', t.containerId)) as string[];
      return env.filter((e) => e.startsWith('DOCKER_RESOURCE_NVIDIA-GPU=')).join(',');
    }));
    expect(gpus.sort()).toEqual(['DOCKER_RESOURCE_NVIDIA-GPU=GPU-testbed-0', 'DOCKER_RESOURCE_NVIDIA-GPU=GPU-testbed-1']);
    expect(all.find((t) => t.state === 'pending')!.error).toMatch(/no suitable node \(insufficient resources on 3 nodes\)/);
  });

  it('lets dnsrr replicas on an attachable overlay network find each other by service name and answer across nodes', async ({ onTestFinished }) => {
    const name = uniqueProject('dns');
    const network = `${name}-net`;
    const make = made(onTestFinished);
    await make.network(network);
    await make.service(name, '--replicas', '2', '--replicas-max-per-node', '1', '--network', network,
      '--endpoint-mode', 'dnsrr', '--hostname', '{{.Node.Hostname}}', bed.image, ...SERVE_HOSTNAME);
    const placed = await waitForTasks(name, running(2));
    const [a, b] = placed;
    expect(a!.node).not.toBe(b!.node);

    // From the first replica: the service name resolves to both replicas (dnsrr: no virtual IP)…
    const from = nodeNamed(a!.node);
    let answer = '';
    const addresses = await waitFor(
      async () => {
        answer = (await execa('docker', ['exec', a!.containerId, 'nslookup', name], { env: from.env, reject: false })).stdout;
        const found = [...answer.matchAll(new RegExp(`Name:\\s+${name}\\s+Address:\\s+(\\S+)`, 'g'))].map((m) => m[1]!);
        return found.length >= 2 && found;
      },
      { timeoutMs: 30_000, intervalMs: 200, what: () => `${name} to resolve to both replicas; nslookup said:\n${answer}` },
    );
    expect(addresses).toHaveLength(2);
    // …and both answer over the overlay, the other one from another node; by name, one of them answers.
    // (nc, not wget: this static busybox's `wget -T` crashes.)
    const get = async (host: string): Promise<string> =>
      (await on(from, 'exec', a!.containerId, 'sh', '-c', `printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc ${host} 8080`)).split('\n').pop()!.trim();
    expect((await Promise.all(addresses.map(get))).sort()).toEqual([a!.node, b!.node].sort());
    expect([a!.node, b!.node]).toContain(await get(name));
  });

  it('publishes a `mode: host` port on its node only: it answers at that node\'s address, not at another\'s', async ({ onTestFinished }) => {
    const name = uniqueProject('port');
    // Bound in worker2's own network namespace; the reservation keeps two runs sharing the testbed apart.
    const port = await freePort();
    const node = bed.node('worker2');
    await made(onTestFinished).service(name, '--publish', `mode=host,target=8080,published=${port}`,
      '--constraint', `node.hostname == ${node.hostname}`, '--hostname', '{{.Node.Hostname}}', bed.image, ...SERVE_HOSTNAME);
    await waitForTasks(name, running(1));
    const body = await waitFor(() => fetch(`http://${node.address}:${port}/`).then((r) => r.text(), () => ''), {
      timeoutMs: 15_000,
      intervalMs: 200,
      what: `the httpd to answer at ${node.address}:${port}`,
    });
    expect(body.trim()).toBe(node.hostname);
    await expect(fetch(`http://${bed.node('worker1').address}:${port}/`)).rejects.toThrow();
  });

  it('pulls the image from the testbed registry on every node', async ({ onTestFinished }) => {
    const name = uniqueProject('pull');
    const repo = `envctl-test/${name}`;
    const api = `http://${bed.registry}/v2`;
    const manifestType = 'application/vnd.docker.distribution.manifest.v2+json';
    let pinned = ''; // the service runs <registry>/<repo>:1@sha256:… (Swarm pins the tag to its digest at create)
    const make = made(onTestFinished);
    make.later(async () => {
      if (pinned === '') return;
      const ref = pinned.replace(':1@', '@');
      await Promise.all(bed.nodes.map((n) => execa('docker', ['image', 'rm', ref], { env: n.env, reject: false })));
      await fetch(`${api}/${repo}/manifests/${ref.split('@')[1]}`, { method: 'DELETE' });
    });
    // A repository only the registry has, made inside the registry (blobs mounted from the test image, the same
    // manifest put under the new name): no node can have it unless it pulled it.
    const source = bed.image.slice(bed.registry.length + 1).split(':');
    const manifest = await (await fetch(`${api}/${source[0]}/manifests/${source[1]}`, { headers: { Accept: manifestType } })).text();
    const { config, layers } = JSON.parse(manifest) as { config: { digest: string }; layers: { digest: string }[] };
    for (const blob of [config, ...layers]) {
      const mounted = await fetch(`${api}/${repo}/blobs/uploads/?mount=${blob.digest}&from=${source[0]}`, { method: 'POST' });
      expect(mounted.status).toBe(201);
    }
    const put = await fetch(`${api}/${repo}/manifests/1`, { method: 'PUT', headers: { 'Content-Type': manifestType }, body: manifest });
    expect(put.status).toBe(201);

    await make.service(name, '--mode', 'global', `${bed.registry}/${repo}:1`);
    pinned = await manager('service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', name);
    expect(pinned).toMatch(new RegExp(`^${bed.registry}/${repo}:1@sha256:[0-9a-f]{64}$`));
    const placed = await waitForTasks(name, running(3));
    expect(placed.map((t) => t.node).sort()).toEqual(bed.nodes.map((n) => n.hostname).sort());
    for (const node of bed.nodes) {
      const digests = JSON.parse(await on(node, 'image', 'inspect', '--format', '{{json .RepoDigests}}', pinned)) as string[];
      expect(digests, node.name).toContain(pinned.replace(':1@', '@'));
    }
  });
});
