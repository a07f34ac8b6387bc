// What envctl asks of a Swarm manager, in envctl's own types: is this engine a manager, the project's overlay network,
// its services (list, inspect, create, update with the version index, remove), their tasks, and the nodes.
import type { ServiceSpecJson } from '../fields/service-json.js';

/** `GET /info`'s Swarm part: whether services can be managed from this engine. */
export interface SwarmState {
  /** inactive (not in swarm mode), pending, active, error, locked. */
  localNodeState: string;
  /** True when this engine is a manager (ControlAvailable): only a manager creates and updates services. */
  isManager: boolean;
  nodeId: string;
}

export interface ObservedNetwork {
  id: string;
  name: string;
}

/** A service as the manager stores it: its spec as sent (minus empty parts), its version and how its last update went. */
export interface ObservedService {
  id: string;
  name: string;
  /** The version index an update must carry: a mismatch means someone changed the service meanwhile. */
  version: number;
  /** `dev.envctl.project` / `dev.envctl.env` on the service's own labels; null when absent. */
  project: string | null;
  envName: string | null;
  spec: ServiceSpecJson;
  /** UpdateStatus.State (updating, paused, completed, rollback_started, rollback_paused, rollback_completed); null before any update. */
  updateState: string | null;
  updateMessage: string;
  /** From the list call (status=true): tasks running on nodes that are up, and tasks wanted; null from an inspect. */
  runningTasks: number | null;
  desiredTasks: number | null;
}

/** One task: a replica (or a global service's task on one node) at one point of its life. */
export interface ObservedTask {
  id: string;
  serviceId: string;
  /** Replica number; null for a global service's task. */
  slot: number | null;
  /** '' while not yet assigned to a node. */
  nodeId: string;
  /** What the orchestrator wants of it: running, shutdown, … */
  desiredState: string;
  /** Where it is: new, pending, assigned, accepted, preparing, starting, running, complete, failed, shutdown, rejected, orphaned, remove. */
  state: string;
  /** The engine's short word for the state ("running", "no suitable node", "started"). */
  message: string;
  /** Why it failed or waits ("no suitable node (insufficient resources on 2 nodes)", "No such image: …"); '' if none. */
  error: string;
  /** The task template the task was made from, as stored: equal to the service's once the task is up to date. */
  template: unknown;
  updatedAt: string;
  /** The generic resources the scheduler assigned it (NVIDIA-GPU=GPU-0), as `KIND=value`. */
  assignedResources: string[];
}

export interface ObservedNode {
  id: string;
  hostname: string;
  role: string;
  /** active, pause, drain. */
  availability: string;
  /** ready, down, unknown, disconnected. */
  state: string;
  labels: Record<string, string>;
  /** What the node advertises, `KIND=value` (NVIDIA-GPU=GPU-0) or `KIND=count`. */
  genericResources: string[];
}

export interface SwarmCalls {
  /** `GET /info`: only asked when a service call was refused, to say why in one sentence. */
  swarmState(): Promise<SwarmState>;
  /** ONE list call: every service labelled with this project, full specs included (no inspects needed). */
  listProjectServices(project: string): Promise<ObservedService[]>;
  inspectService(idOrName: string): Promise<ObservedService | null>;
  /** Returns the new service's id. */
  createService(spec: ServiceSpecJson): Promise<string>;
  /** The whole spec, carrying the version observed: a service changed meanwhile is the error `service-changed`. */
  updateService(id: string, version: number, spec: ServiceSpecJson): Promise<void>;
  /** Removes the service (its tasks' containers go with it); absent is fine. */
  removeService(id: string): Promise<void>;
  /** The project's overlay network, found by its labels; null when there is none. */
  findProjectNetwork(project: string): Promise<ObservedNetwork | null>;
  /** Creates the project's attachable overlay network, labelled with the project; returns its id. */
  createProjectNetwork(project: string, name: string): Promise<string>;
  /** Removes a network; absent is fine. */
  removeNetwork(id: string): Promise<void>;
  /** The tasks of one service, any state (the engine keeps a few past ones per slot). */
  listServiceTasks(serviceId: string): Promise<ObservedTask[]>;
  /** ONE list call: the services with exactly these names (the engine matches name prefixes; the others are dropped here). */
  listServicesNamed(names: readonly string[]): Promise<ObservedService[]>;
  /**
   * ONE list call: the tasks of all these services, any state (the engine ORs the values of one filter). Null when one
   * of them is gone: the engine then refuses the whole call (404 "service … not found").
   */
  listTasksOfServices(serviceIds: readonly string[]): Promise<ObservedTask[] | null>;
  listNodes(): Promise<ObservedNode[]>;
}
