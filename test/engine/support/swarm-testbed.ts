// The real multi-node Docker Swarm the Swarm tests run on (scripts/swarm-up.sh): brought up, reused or repaired
// once per test file, its nodes as the manager reports them, and a way to kill a worker's dockerd and bring it back.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { processAlive } from '../../support/process-alive.js';
import { waitFor } from '../../support/wait-for.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SWARM_UP = join(ROOT, 'scripts', 'swarm-up.sh');

export interface GenericResource {
  readonly kind: string;
  readonly value: string;
}

export interface SwarmNode {
  /** The testbed's name for it: manager, worker1 or worker2. */
  readonly name: string;
  /** The Swarm node's hostname (`node.hostname == …` constraints, `docker service ps` NODE column). */
  readonly hostname: string;
  readonly id: string;
  readonly role: 'manager' | 'worker';
  /** DOCKER_HOST that reaches this node's own dockerd from the host. */
  readonly dockerHost: string;
  /** Environment for child processes (docker CLI, envctl) that should talk to this node. */
  readonly env: { DOCKER_HOST: string };
  /** Its address on the test bridge: `mode: host` published ports answer here, from the host too. */
  readonly address: string;
  /** Its network namespace (`ip netns exec …`). */
  readonly netns: string;
  /** What the node advertises, e.g. NVIDIA-GPU=GPU-testbed-0 (worker1 has two GPUs, the others none). */
  readonly genericResources: readonly GenericResource[];
  /** Swarm node labels (`node.labels.gpu == true` holds on worker1 only). */
  readonly labels: Readonly<Record<string, string>>;
}

export interface SwarmTestbed {
  readonly manager: SwarmNode;
  readonly nodes: readonly SwarmNode[];
  /** host:port of the registry every node pulls from (insecure, on the test bridge). */
  readonly registry: string;
  /** The test image (envctl/busybox:local) in that registry. */
  readonly image: string;
  node(name: string): SwarmNode;
  /** The node's state in the manager's eyes: ready, down, unknown, disconnected. */
  nodeState(name: string): Promise<string>;
  /** SIGKILLs a worker's dockerd (as a crash or a session end would) and returns once the process is gone. */
  killDaemon(name: string): Promise<void>;
  /** Brings a killed worker back (scripts/swarm-up.sh repairs it) and returns once the swarm sees it ready. */
  reviveDaemon(name: string): Promise<void>;
}

interface UpReport {
  registry: string;
  image: string;
  nodes: { name: string; hostname: string; dockerHost: string; address: string; netns: string; pidfile: string }[];
}

interface NodeInspect {
  ID: string;
  Spec: { Role: 'manager' | 'worker'; Labels?: Record<string, string> };
  Description: { Hostname: string; Resources: { GenericResources?: { NamedResourceSpec?: { Kind: string; Value: string }; DiscreteResourceSpec?: { Kind: string; Value: number } }[] } };
  Status: { State: string };
}

async function runSwarmUp(): Promise<UpReport> {
  const r = await execa('bash', [SWARM_UP, '--json'], { reject: false });
  if (r.exitCode !== 0) {
    throw new Error(`the Swarm testbed did not come up (bash scripts/swarm-up.sh, exit ${r.exitCode}):\n${r.stderr}`);
  }
  return JSON.parse(r.stdout) as UpReport;
}

async function docker(dockerHost: string, ...args: string[]): Promise<string> {
  return (await execa('docker', args, { env: { DOCKER_HOST: dockerHost } })).stdout.trim();
}

function resources(node: NodeInspect): GenericResource[] {
  return (node.Description.Resources.GenericResources ?? []).map((r) =>
    r.NamedResourceSpec ? { kind: r.NamedResourceSpec.Kind, value: r.NamedResourceSpec.Value } : { kind: r.DiscreteResourceSpec!.Kind, value: String(r.DiscreteResourceSpec!.Value) },
  );
}

async function build(report: UpReport): Promise<SwarmTestbed> {
  const managerHost = report.nodes.find((n) => n.name === 'manager')!.dockerHost;
  const ids = await Promise.all(report.nodes.map((n) => docker(n.dockerHost, 'info', '--format', '{{.Swarm.NodeID}}')));
  const inspected = JSON.parse(await docker(managerHost, 'node', 'inspect', ...ids)) as NodeInspect[];
  const nodes: SwarmNode[] = report.nodes.map((n, i) => {
    const info = inspected.find((x) => x.ID === ids[i])!;
    return {
      name: n.name,
      hostname: info.Description.Hostname,
      id: info.ID,
      role: info.Spec.Role,
      dockerHost: n.dockerHost,
      env: { DOCKER_HOST: n.dockerHost },
      address: n.address,
      netns: n.netns,
      genericResources: resources(info),
      labels: info.Spec.Labels ?? {},
    };
  });
  const byName = (name: string): SwarmNode => {
    const found = nodes.find((n) => n.name === name);
    if (!found) throw new Error(`the Swarm testbed has no node "${name}" (it has ${nodes.map((n) => n.name).join(', ')})`);
    return found;
  };
  const nodeState = (name: string): Promise<string> => docker(managerHost, 'node', 'inspect', '--format', '{{.Status.State}}', byName(name).id);
  return {
    manager: byName('manager'),
    nodes,
    registry: report.registry,
    image: report.image,
    node: byName,
    nodeState,
    async killDaemon(name) {
      const node = byName(name);
      if (node.role !== 'worker') throw new Error(`killDaemon is for workers; ${name} is the swarm's only manager`);
      const entry = report.nodes.find((n) => n.name === name)!;
      const pid = Number(readFileSync(entry.pidfile, 'utf8').trim());
      // The pidfile must name this node's dockerd (its command line holds the node's socket), nothing else.
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(node.dockerHost)) {
        throw new Error(`${entry.pidfile} does not name ${name}'s dockerd`);
      }
      process.kill(pid, 'SIGKILL');
      await waitFor(() => !processAlive(pid), { timeoutMs: 10_000, intervalMs: 25, what: `${name}'s dockerd (${pid}) to die after SIGKILL` });
    },
    async reviveDaemon(name) {
      byName(name);
      await runSwarmUp();
      const state = await nodeState(name);
      if (state !== 'ready') throw new Error(`${name} came back but the manager says it is ${state}`);
    },
  };
}

let testbed: Promise<SwarmTestbed> | undefined;

/**
 * The Swarm testbed, up and healthy (three nodes ready, gossiping, the test image in the registry). Runs
 * scripts/swarm-up.sh once per test file (a reuse takes about a second); throws, never skips, when it cannot.
 */
export function ensureSwarmTestbed(): Promise<SwarmTestbed> {
  testbed ??= runSwarmUp().then(build);
  return testbed;
}
