// An in-memory Engine for unit tests of the planner and executor: records every call in order, can fail or slow any call.
import type {
  BuildOptions,
  BuildRequest,
  CommitRequest,
  ContainerChange,
  ContainerStatus,
  CreateContainerRequest,
  Engine,
  LockRecord,
  ImageInfo,
  ObservedContainer,
  ObservedVolume,
  ProjectListing,
  PublishedPort,
  UpdatePatch,
} from '../../../src/engine/engine.js';
import type { CanonicalEnv, EnvStateName } from '../../../src/fields/canonical-env.js';
import type { CanonicalVolume } from '../../../src/spec/desired-state.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import type { ObservedNetwork, ObservedNode, ObservedService, ObservedTask, SwarmState } from '../../../src/engine/swarm-engine.js';
import type { ServiceSpecJson } from '../../../src/fields/service-json.js';
import { FakeSwarm } from './fake-swarm.js';

/** Every Engine method (the callable members). */
export type EngineMethod = Exclude<keyof Engine, 'endpoint'>;

export interface FakeCall {
  method: EngineMethod;
  args: unknown[];
  /** performance.now() when the call began and when it settled, to prove what overlapped. */
  startedAt: number;
  endedAt: number | null;
  outcome: 'pending' | 'ok' | 'error';
}

/** Decides whether a hook applies to a call; receives the call's arguments. */
export type CallMatcher = (...args: unknown[]) => boolean;

interface FailHook {
  method: EngineMethod;
  matches: CallMatcher;
  error: unknown;
  /** Remaining uses; Infinity = every matching call. */
  remaining: number;
}

interface DelayHook {
  method: EngineMethod;
  matches: CallMatcher;
  ms: number;
}

interface StoredContainer {
  id: string;
  name: string;
  status: ContainerStatus;
  project: string | null;
  envName: string | null;
  specHash: string | null;
  createdAt: string;
  config: CanonicalEnv;
}

const always: CallMatcher = () => true;

function stateOf(status: ContainerStatus): EnvStateName {
  if (status === 'running' || status === 'restarting') return 'running';
  if (status === 'paused') return 'paused';
  return 'stopped';
}

function notFound(what: string): EnvctlError {
  return new EnvctlError('not-found', `${what} not found`);
}

/**
 * Behaves like the Docker Engine where the executor and planner can tell the difference:
 * inspects of missing things return null (a 404), a taken name is a 'conflict', starting a running container or stopping
 * a stopped one is a no-op (the engine's 304), pausing a container that is not running, starting a paused one and
 * removing a running one are conflicts (as `docker rm` without --force), and creating from an unknown image is not-found.
 */
export class FakeEngine implements Engine {
  readonly endpoint = 'fake://engine';
  readonly calls: FakeCall[] = [];
  private readonly containers = new Map<string, StoredContainer>();
  private readonly images = new Map<string, ImageInfo>();
  private readonly volumes = new Map<string, ObservedVolume>();
  private readonly failHooks: FailHook[] = [];
  private readonly delayHooks: DelayHook[] = [];
  private nextId = 1;

  // ---- test set-up -------------------------------------------------------------------------------------------------

  /** Makes an image present, as if pulled or built earlier. */
  addImage(ref: string, info: Partial<ImageInfo> = {}): ImageInfo {
    const image: ImageInfo = {
      id: `sha256:${ref.replace(/[^a-z0-9]/gi, '')}`,
      ref,
      env: [],
      cmd: null,
      entrypoint: null,
      workingDir: '',
      user: '',
      labels: {},
      volumes: [],
      ...info,
    };
    this.images.set(ref, image);
    return image;
  }

  /** Puts a container on the engine without recording a call (what was there before apply). Returns its id. */
  addContainer(
    config: CanonicalEnv,
    options: { status?: ContainerStatus; specHash?: string | null; owned?: boolean; name?: string } = {},
  ): string {
    const name = options.name ?? config.containerName;
    if (this.findByName(name)) throw new Error(`FakeEngine: a container named ${name} already exists`);
    const owned = options.owned ?? true;
    const id = this.newId();
    this.containers.set(id, {
      id,
      name,
      status: options.status ?? 'running',
      project: owned ? config.project : null,
      envName: owned ? config.name : null,
      specHash: owned ? (options.specHash ?? null) : null,
      createdAt: new Date(0).toISOString(),
      config: { ...config, containerName: name },
    });
    return id;
  }

  addVolume(name: string, volume: Partial<ObservedVolume> = {}): void {
    this.volumes.set(name, { name, driver: 'local', driverOpts: {}, labels: {}, ...volume });
  }

  /** Makes matching calls of `method` reject with `error` (every time, or only `times` times). */
  failOn(method: EngineMethod, error: unknown, options: { when?: CallMatcher; times?: number } = {}): void {
    this.failHooks.push({ method, error, matches: options.when ?? always, remaining: options.times ?? Infinity });
  }

  /**
   * Makes matching calls of `method` take `ms` milliseconds before they act: a slow engine, the thing the tests that
   * use it are about (what runs while a call is slow), not a wait for something to happen.
   */
  slowDown(method: EngineMethod, ms: number, options: { when?: CallMatcher } = {}): void {
    this.delayHooks.push({ method, ms, matches: options.when ?? always });
  }

  // ---- test inspection ---------------------------------------------------------------------------------------------

  /** Calls of one method (or all), in the order they began. */
  callsTo(method?: EngineMethod): FakeCall[] {
    return method === undefined ? [...this.calls] : this.calls.filter((c) => c.method === method);
  }

  /** `method arg0` strings in call order, for readable assertions on sequences. */
  callLog(): string[] {
    return this.calls.map((c) => [c.method, ...c.args.filter((a) => typeof a === 'string')].join(' '));
  }

  /** The stored container by id or name, or undefined. */
  container(idOrName: string): StoredContainer | undefined {
    return this.containers.get(idOrName) ?? this.findByName(idOrName);
  }

  containerNames(): string[] {
    return [...this.containers.values()].map((c) => c.name).sort();
  }

  hasVolume(name: string): boolean {
    return this.volumes.has(name);
  }

  // ---- Engine ------------------------------------------------------------------------------------------------------

  ping(): Promise<void> {
    return this.record('ping', [], () => undefined);
  }

  listProjectContainers(project: string): Promise<string[]> {
    return this.record('listProjectContainers', [project], () =>
      [...this.containers.values()].filter((c) => c.project === project).map((c) => c.id),
    );
  }

  listPublishedPorts(): Promise<PublishedPort[]> {
    // The fake publishes no host ports: port conflicts are proven on the real engine.
    return this.record('listPublishedPorts', [], () => []);
  }

  listProject(project: string): Promise<ProjectListing> {
    return this.record('listProject', [project], () => {
      const lock = [...this.locks.values()].find((l) => l.labels['dev.envctl.project'] === project);
      const marker = [...this.markers].find(([, m]) => m.project === project);
      return {
        containerIds: [...this.containers.values()].filter((c) => c.project === project).map((c) => c.id),
        lock: lock ? { id: lock.id, labels: { ...lock.labels } } : null,
        servicesMarker: marker ? { id: marker[1].id, name: marker[0] } : null,
      };
    });
  }

  inspectContainer(idOrName: string): Promise<ObservedContainer | null> {
    return this.record('inspectContainer', [idOrName], () => {
      const c = this.container(idOrName);
      if (!c) return null;
      return {
        id: c.id,
        name: c.name,
        status: c.status,
        project: c.project,
        envName: c.envName,
        specHash: c.specHash,
        createdAt: c.createdAt,
        exitCode: 0,
        error: '',
        config: { ...c.config, containerName: c.name, state: stateOf(c.status) },
        imageId: this.images.get(c.config.image)?.id ?? '',
      };
    });
  }

  inspectImage(ref: string): Promise<ImageInfo | null> {
    return this.record('inspectImage', [ref], () => this.images.get(ref) ?? null);
  }

  /** Digests the fake registry serves, by reference. */
  readonly registry = new Map<string, string>();

  registryDigest(ref: string): Promise<string> {
    return this.record('registryDigest', [ref], () => {
      const digest = this.registry.get(ref);
      if (digest === undefined) throw new EnvctlError('engine', `ask the registry about ${ref}: manifest unknown`);
      return digest;
    });
  }

  buildImage(req: BuildRequest, options: BuildOptions = {}): Promise<string> {
    return this.record('buildImage', [req.tag], () => {
      options.onProgress?.('Step 1/1 : FROM scratch');
      return this.addImage(req.tag, { labels: { ...req.labels } }).id;
    });
  }

  pullImage(ref: string, onProgress?: (line: string) => void): Promise<void> {
    return this.record('pullImage', [ref], () => {
      onProgress?.(`Pulling from ${ref}`);
      onProgress?.(`Status: Downloaded newer image for ${ref}`);
      if (!this.images.has(ref)) this.addImage(ref);
    });
  }

  createContainer(req: CreateContainerRequest): Promise<string> {
    return this.record('createContainer', [req.name, req], () => {
      if (this.findByName(req.name)) {
        throw new EnvctlError('conflict', `the container name "/${req.name}" is already in use`);
      }
      if (!this.images.has(req.image.ref)) throw notFound(`image ${req.image.ref}`);
      const id = this.newId();
      this.containers.set(id, {
        id,
        name: req.name,
        status: 'created',
        project: req.env.project,
        envName: req.env.name,
        specHash: req.specHash,
        createdAt: new Date().toISOString(),
        config: { ...req.env, containerName: req.name },
      });
      return id;
    });
  }

  startContainer(id: string): Promise<void> {
    return this.record('startContainer', [id], () => {
      const c = this.mustGet(id);
      if (c.status === 'paused') throw new EnvctlError('conflict', `cannot start a paused container, try unpause instead`);
      c.status = 'running';
    });
  }

  stopContainer(id: string): Promise<void> {
    return this.record('stopContainer', [id], () => {
      const c = this.mustGet(id);
      if (c.status === 'running' || c.status === 'paused' || c.status === 'restarting') c.status = 'exited';
    });
  }

  pauseContainer(id: string): Promise<void> {
    return this.record('pauseContainer', [id], () => {
      const c = this.mustGet(id);
      if (c.status === 'paused') return;
      if (c.status !== 'running') throw new EnvctlError('conflict', `container ${c.name} is not running`);
      c.status = 'paused';
    });
  }

  unpauseContainer(id: string): Promise<void> {
    return this.record('unpauseContainer', [id], () => {
      const c = this.mustGet(id);
      if (c.status !== 'paused') throw new EnvctlError('conflict', `container ${c.name} is not paused`);
      c.status = 'running';
    });
  }

  updateContainer(id: string, patch: UpdatePatch): Promise<void> {
    return this.record('updateContainer', [id, patch], () => {
      const c = this.mustGet(id);
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      c.config = { ...c.config, ...defined };
    });
  }

  renameContainer(id: string, newName: string): Promise<void> {
    return this.record('renameContainer', [id, newName], () => {
      const c = this.mustGet(id);
      const other = this.findByName(newName);
      if (other && other.id !== c.id) {
        throw new EnvctlError('conflict', `the container name "/${newName}" is already in use`);
      }
      c.name = newName;
    });
  }

  removeContainer(id: string): Promise<void> {
    return this.record('removeContainer', [id], () => {
      const c = this.mustGet(id);
      if (c.status === 'running' || c.status === 'paused' || c.status === 'restarting') {
        throw new EnvctlError('conflict', `cannot remove container ${c.name}: it is ${c.status}, stop it first`);
      }
      this.containers.delete(c.id);
    });
  }

  inspectVolume(name: string): Promise<ObservedVolume | null> {
    return this.record('inspectVolume', [name], () => this.volumes.get(name) ?? null);
  }

  createVolume(volume: CanonicalVolume, project: string): Promise<void> {
    return this.record('createVolume', [volume.name, project], () => {
      // Like the engine: creating an existing volume succeeds and keeps the existing one.
      if (this.volumes.has(volume.name)) return;
      this.volumes.set(volume.name, {
        name: volume.name,
        driver: volume.driver,
        driverOpts: { ...volume.driverOpts },
        labels: { ...volume.labels, 'dev.envctl.project': project },
      });
    });
  }

  listProjectVolumes(project: string): Promise<ObservedVolume[]> {
    return this.record('listProjectVolumes', [project], () =>
      [...this.volumes.values()].filter((v) => v.labels['dev.envctl.project'] === project),
    );
  }

  removeVolume(name: string): Promise<void> {
    return this.record('removeVolume', [name], () => {
      if (!this.volumes.delete(name)) throw notFound(`volume ${name}`);
    });
  }

  // ---- own-layer changes, commits, locks -------------------------------------------------------------------------

  /** Own-layer changes per container id, as a test sets them (a real engine records what the container wrote). */
  readonly changes = new Map<string, ContainerChange[]>();
  /** Commits made, in order. */
  readonly commits: { containerId: string; req: CommitRequest }[] = [];
  private readonly locks = new Map<string, LockRecord>();

  setChanges(idOrName: string, changes: ContainerChange[]): void {
    this.changes.set(this.mustGet(idOrName).id, changes);
  }

  containerChanges(id: string): Promise<ContainerChange[]> {
    return this.record('containerChanges', [id], () => [...(this.changes.get(id) ?? [])]);
  }

  commitContainer(id: string, req: CommitRequest): Promise<string> {
    return this.record('commitContainer', [id, req], () => {
      this.mustGet(id);
      this.commits.push({ containerId: id, req });
      const imageId = `sha256:${this.newId()}`;
      this.addImage(`${req.repo}:${req.tag}`, { id: imageId, labels: { ...req.labels } });
      return imageId;
    });
  }

  createLock(name: string, labels: Record<string, string>): Promise<boolean> {
    return this.record('createLock', [name], () => {
      // Locks share the container namespace on a real engine; the fake keeps them apart from environments.
      if (this.locks.has(name)) return false;
      this.locks.set(name, { id: this.newId(), labels: { ...labels } });
      return true;
    });
  }

  readLock(name: string): Promise<LockRecord | null> {
    return this.record('readLock', [name], () => {
      const lock = this.locks.get(name);
      return lock ? { id: lock.id, labels: { ...lock.labels } } : null;
    });
  }

  removeLock(id: string): Promise<void> {
    return this.record('removeLock', [id], () => {
      for (const [name, lock] of this.locks) if (lock.id === id) this.locks.delete(name);
    });
  }

  /** Services markers by name (kept apart from environments, as locks are). */
  readonly markers = new Map<string, { id: string; project: string }>();

  createServicesMarker(name: string, project: string): Promise<void> {
    return this.record('createServicesMarker', [name], () => {
      if (!this.markers.has(name)) this.markers.set(name, { id: this.newId(), project });
    });
  }

  removeServicesMarker(id: string): Promise<void> {
    return this.record('removeServicesMarker', [id], () => {
      for (const [name, m] of this.markers) if (m.id === id) this.markers.delete(name);
    });
  }

  // ---- Swarm (fake-swarm.ts) ---------------------------------------------------------------------------------------

  readonly swarm = new FakeSwarm();

  swarmState(): Promise<SwarmState> {
    return this.record('swarmState', [], () => this.swarm.state());
  }
  listProjectServices(project: string): Promise<ObservedService[]> {
    return this.record('listProjectServices', [project], () => this.swarm.list(project));
  }
  inspectService(idOrName: string): Promise<ObservedService | null> {
    return this.record('inspectService', [idOrName], () => this.swarm.inspect(idOrName));
  }
  createService(spec: ServiceSpecJson): Promise<string> {
    return this.record('createService', [spec], () => this.swarm.create(spec));
  }
  updateService(id: string, version: number, spec: ServiceSpecJson): Promise<void> {
    return this.record('updateService', [id, version, spec], () => this.swarm.update(id, version, spec));
  }
  removeService(id: string): Promise<void> {
    return this.record('removeService', [id], () => this.swarm.remove(id));
  }
  findProjectNetwork(project: string): Promise<ObservedNetwork | null> {
    return this.record('findProjectNetwork', [project], () => this.swarm.findNetwork(project));
  }
  createProjectNetwork(project: string, name: string): Promise<string> {
    return this.record('createProjectNetwork', [project, name], () => this.swarm.createNetwork(project, name));
  }
  removeNetwork(id: string): Promise<void> {
    return this.record('removeNetwork', [id], () => this.swarm.removeNetwork(id));
  }
  listServiceTasks(serviceId: string): Promise<ObservedTask[]> {
    return this.record('listServiceTasks', [serviceId], () => this.swarm.tasks(serviceId));
  }
  listNodes(): Promise<ObservedNode[]> {
    return this.record('listNodes', [], () => this.swarm.nodes());
  }
  listServicesNamed(names: readonly string[]): Promise<ObservedService[]> {
    return this.record('listServicesNamed', [[...names]], () => this.swarm.named(names));
  }
  listTasksOfServices(serviceIds: readonly string[]): Promise<ObservedTask[] | null> {
    return this.record('listTasksOfServices', [[...serviceIds]], () => this.swarm.tasksOf(serviceIds));
  }

  // ---- internals ---------------------------------------------------------------------------------------------------

  private newId(): string {
    // 64 hex characters like a real id, but readable in failures: the counter sits at the end.
    return (this.nextId++).toString(16).padStart(64, 'c');
  }

  private findByName(name: string): StoredContainer | undefined {
    for (const c of this.containers.values()) if (c.name === name) return c;
    return undefined;
  }

  private mustGet(idOrName: string): StoredContainer {
    const c = this.container(idOrName);
    if (!c) throw notFound(`container ${idOrName}`);
    return c;
  }

  /** Records the call, applies delay and failure hooks, then runs the in-memory effect. */
  private async record<T>(method: EngineMethod, args: unknown[], effect: () => T): Promise<T> {
    const call: FakeCall = { method, args, startedAt: performance.now(), endedAt: null, outcome: 'pending' };
    this.calls.push(call);
    try {
      // Always yield once, so that "parallel" in a test means the same as on a real engine: calls interleave.
      await Promise.resolve();
      const delay = this.delayHooks.find((h) => h.method === method && h.matches(...args));
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay.ms));
      const fail = this.failHooks.find((h) => h.method === method && h.remaining > 0 && h.matches(...args));
      if (fail) {
        fail.remaining -= 1;
        throw fail.error;
      }
      const value = effect();
      call.outcome = 'ok';
      return value;
    } catch (error) {
      call.outcome = 'error';
      throw error;
    } finally {
      call.endedAt = performance.now();
    }
  }
}
