// One envctl project on the Swarm testbed, driven through the real CLI against the manager: its spec folder, the
// docker CLI on any node, the project's tasks as the manager sees them, and a cleanup that removes only what the
// project made (its services, their containers on every node, its network, its named volumes on every node).
import { execa } from 'execa';
import { loadDesired } from '../../../src/app/run-plan.js';
import { runApplyDesired } from '../../../src/app/run-apply.js';
import { connectTo } from '../../../src/engine/connect-engine.js';
import type { RequestStats } from '../../../src/engine/count-requests.js';
import { SpecDir, envctl, type CliResult } from './run-cli.js';
import type { SwarmNode, SwarmTestbed } from './swarm-testbed.js';
import { uniqueProject } from './unique-project.js';
import { waitFor } from '../../support/wait-for.js';

export interface SwarmTask {
  id: string;
  node: string;
  slot: number;
  state: string;
  desired: string;
  error: string;
  containerId: string;
  env: string[];
  /** When the task reached its current state. */
  at: string;
  /** When the orchestrator made the task. */
  created: string;
  image: string;
}

interface TaskInspect {
  ID: string;
  CreatedAt: string;
  NodeID?: string;
  Slot?: number;
  DesiredState: string;
  Spec: { ContainerSpec: { Image: string; Env?: string[] } };
  Status: { State: string; Timestamp: string; Err?: string; ContainerStatus?: { ContainerID?: string } };
}

export class SwarmProject {
  readonly name: string;
  readonly dir = new SpecDir();

  constructor(readonly bed: SwarmTestbed, prefix: string) {
    this.name = uniqueProject(prefix);
  }

  /** envctl against the manager (DOCKER_HOST), or the engine given. */
  run(args: string[], env: Record<string, string> = this.bed.manager.env): Promise<CliResult> {
    return envctl(['-f', this.dir.file, ...args], { cwd: this.dir.dir, env });
  }

  write(spec: string): void {
    this.dir.write(spec);
  }

  async on(node: SwarmNode, ...args: string[]): Promise<string> {
    return (await execa('docker', args, { env: node.env })).stdout.trim();
  }

  manager(...args: string[]): Promise<string> {
    return this.on(this.bed.manager, ...args);
  }

  /** Every task of the project's service for `env` (any state), as the manager reports them. */
  async tasks(env: string): Promise<SwarmTask[]> {
    const ids = (await this.manager('service', 'ps', '-q', '--no-trunc', `${this.name}-${env}`)).split('\n').filter(Boolean);
    if (ids.length === 0) return [];
    const hostOf = (id: string | undefined): string => this.bed.nodes.find((n) => n.id === id)?.hostname ?? '';
    return (JSON.parse(await this.manager('inspect', '--type', 'task', ...ids)) as TaskInspect[]).map((t) => ({
      id: t.ID,
      node: hostOf(t.NodeID),
      slot: t.Slot ?? 0,
      state: t.Status.State,
      desired: t.DesiredState,
      error: t.Status.Err ?? '',
      containerId: t.Status.ContainerStatus?.ContainerID ?? '',
      env: t.Spec.ContainerSpec.Env ?? [],
      at: t.Status.Timestamp,
      created: t.CreatedAt,
      image: t.Spec.ContainerSpec.Image,
    }));
  }

  /** The running tasks once `n` of them run (and no other is wanted running). */
  async running(env: string, n: number, seconds = 90): Promise<SwarmTask[]> {
    let last: SwarmTask[] = [];
    return waitFor(
      async () => {
        last = await this.tasks(env);
        const live = last.filter((t) => t.desired === 'running');
        return live.length === n && live.every((t) => t.state === 'running') ? live : null;
      },
      { timeoutMs: seconds * 1000, intervalMs: 250, what: () => `${n} running tasks of ${this.name}-${env}; saw ${JSON.stringify(last.map((t) => [t.node, t.state, t.desired, t.error]))}` },
    );
  }

  /** An apply of the spec as it is, in this process, counted on the wire; `applied`: whether it did anything. */
  async countedApply(): Promise<{ applied: boolean; stats: RequestStats }> {
    const engine = connectTo(this.bed.manager.dockerHost);
    const desired = await loadDesired({ file: this.dir.file });
    engine.resetStats();
    const outcome = await runApplyDesired(desired, () => engine, {
      yes: true,
      confirm: null,
      renderer: 'silent',
      show: () => undefined,
      lock: { command: 'apply', timeoutMs: 0, onWait: () => undefined, onStale: () => undefined },
    });
    return { applied: outcome.result !== null, stats: engine.stats() };
  }

  /** The project's services on the swarm. */
  async services(): Promise<string[]> {
    return (await this.manager('service', 'ls', '--filter', `label=dev.envctl.project=${this.name}`, '--format', '{{.Name}}')).split('\n').filter(Boolean).sort();
  }

  async networks(): Promise<string[]> {
    return (await this.manager('network', 'ls', '--filter', `label=dev.envctl.project=${this.name}`, '--format', '{{.Name}}')).split('\n').filter(Boolean);
  }

  /** Named volumes called `name` on each node that has one. */
  async volumeNodes(name: string): Promise<string[]> {
    const found = await Promise.all(this.bed.nodes.map(async (n) => ((await this.on(n, 'volume', 'ls', '-q', '--filter', `name=^${name}$`)) === name ? n.hostname : '')));
    return found.filter(Boolean);
  }

  async cleanup(volumes: string[] = []): Promise<void> {
    const services = await this.services().catch(() => [] as string[]);
    if (services.length > 0) await execa('docker', ['service', 'rm', ...services], { env: this.bed.manager.env, reject: false });
    await Promise.all(
      this.bed.nodes.map(async (n) => {
        // Task containers carry the project's label too (with role `service`), as do its plain containers.
        const ids = (await this.on(n, 'ps', '-aq', '--filter', `label=dev.envctl.project=${this.name}`).catch(() => '')).split('\n').filter(Boolean);
        if (ids.length > 0) await execa('docker', ['rm', '-f', ...ids], { env: n.env, reject: false });
        for (const v of volumes) await execa('docker', ['volume', 'rm', v], { env: n.env, reject: false });
      }),
    );
    for (const net of await this.networks().catch(() => [] as string[])) {
      await waitFor(async () => (await execa('docker', ['network', 'rm', net], { env: this.bed.manager.env, reject: false })).exitCode === 0, {
        timeoutMs: 30_000,
        intervalMs: 250,
        what: `network ${net} to be removable`,
      }).catch(() => undefined);
    }
    this.dir.dispose();
  }
}
