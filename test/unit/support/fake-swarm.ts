// The Swarm part of the in-memory engine: services that converge at once (every replica a running task of the
// current template), one manager node, the project's network. Enough for the planner and the executor's service steps.
import type { ObservedNetwork, ObservedNode, ObservedService, ObservedTask, SwarmState } from '../../../src/engine/swarm-engine.js';
import type { ServiceSpecJson } from '../../../src/fields/service-json.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';

export class FakeSwarm {
  manager = true;
  /** Tasks stay `pending` (with this error, if any): a service that does not converge. */
  stuck: { error: string } | null = null;
  /** The same for one service only, by name. */
  readonly stuckServices = new Map<string, { error: string }>();
  private readonly services = new Map<string, ObservedService>();
  private readonly networks = new Map<string, ObservedNetwork & { project: string }>();
  private next = 1;

  state(): SwarmState {
    return { localNodeState: this.manager ? 'active' : 'inactive', isManager: this.manager, nodeId: 'node-1' };
  }

  private refuseUnlessManager(): void {
    if (!this.manager) throw new EnvctlError('not-swarm-manager', 'the Docker Engine at fake://engine cannot run services (deploy:): it is not in swarm mode');
  }

  list(project: string): ObservedService[] {
    this.refuseUnlessManager();
    return [...this.services.values()].filter((s) => s.project === project).map((s) => structuredClone(s));
  }

  inspect(idOrName: string): ObservedService | null {
    this.refuseUnlessManager();
    const s = [...this.services.values()].find((x) => x.id === idOrName || x.name === idOrName);
    return s ? structuredClone(s) : null;
  }

  /** The engine's name filter matches prefixes; the Engine call keeps the exact names (done here too). */
  named(names: readonly string[]): ObservedService[] {
    this.refuseUnlessManager();
    return [...this.services.values()].filter((s) => names.includes(s.name)).map((s) => structuredClone(s));
  }

  create(spec: ServiceSpecJson): string {
    this.refuseUnlessManager();
    if ([...this.services.values()].some((s) => s.name === spec.Name)) throw new EnvctlError('conflict', `service ${spec.Name} already exists`);
    const id = `svc${this.next++}`;
    const labels = spec.Labels ?? {};
    const replicas = spec.Mode.Replicated?.Replicas ?? 1;
    this.services.set(id, {
      id,
      name: spec.Name,
      version: 1,
      project: labels['dev.envctl.project'] ?? null,
      envName: labels['dev.envctl.env'] ?? null,
      spec: structuredClone(spec),
      updateState: null,
      updateMessage: '',
      runningTasks: replicas,
      desiredTasks: replicas,
    });
    return id;
  }

  update(id: string, version: number, spec: ServiceSpecJson): void {
    const s = this.services.get(id);
    if (!s) throw new EnvctlError('not-found', `service ${id} not found`);
    if (s.version !== version) throw new EnvctlError('service-changed', `service ${s.name} changed on the engine meanwhile (its version moved); it was not updated`);
    s.spec = structuredClone(spec);
    s.version += 1;
    s.runningTasks = s.desiredTasks = spec.Mode.Replicated?.Replicas ?? 1;
  }

  /** A change made by hand (`docker service scale`): the version moves. */
  scaleByHand(name: string, replicas: number): void {
    const s = [...this.services.values()].find((x) => x.name === name)!;
    s.spec.Mode = { Replicated: { Replicas: replicas } };
    s.version += 1;
  }

  remove(id: string): void {
    this.services.delete(id);
  }

  /** The tasks of all these services; null when one of them is gone (the engine refuses the whole call). */
  tasksOf(serviceIds: readonly string[]): ObservedTask[] | null {
    if (serviceIds.some((id) => !this.services.has(id))) return null;
    return serviceIds.flatMap((id) => this.tasks(id));
  }

  tasks(serviceId: string): ObservedTask[] {
    const s = this.services.get(serviceId);
    if (!s) return [];
    const n = s.spec.Mode.Replicated?.Replicas ?? 1;
    const stuck = this.stuckServices.get(s.name) ?? this.stuck;
    return Array.from({ length: n }, (_, i) => ({
      id: `${serviceId}-t${i + 1}`,
      serviceId,
      slot: i + 1,
      nodeId: 'node-1',
      desiredState: 'running',
      state: stuck ? 'pending' : 'running',
      message: stuck ? 'pending task scheduling' : 'started',
      error: stuck?.error ?? '',
      template: structuredClone(s.spec.TaskTemplate),
      updatedAt: new Date(0).toISOString(),
      assignedResources: [],
    }));
  }

  nodes(): ObservedNode[] {
    return [{ id: 'node-1', hostname: 'fake-node', role: 'manager', availability: 'active', state: 'ready', labels: {}, genericResources: [] }];
  }

  findNetwork(project: string): ObservedNetwork | null {
    const n = [...this.networks.values()].find((x) => x.project === project);
    return n ? { id: n.id, name: n.name } : null;
  }

  createNetwork(project: string, name: string): string {
    const id = `net${this.next++}`;
    this.networks.set(id, { id, name, project });
    return id;
  }

  removeNetwork(id: string): void {
    this.networks.delete(id);
  }
}
