// Swarm calls over dockerode (API 1.41): services, the project's overlay network, tasks and nodes, read into envctl's
// types. A call on an engine that is no manager becomes the one `not-swarm-manager` sentence.
import type Docker from 'dockerode';
import type { NetworkCreateOptions } from 'dockerode';
import type { ServiceInspectJson, ServiceSpecJson, TaskJson } from '../fields/service-json.js';
import type { EngineClient } from './engine-client.js';
import { toEnvctlError } from './engine-errors.js';
import { ENVCTL_VERSION, LABEL_ENV, LABEL_PROJECT, LABEL_ROLE, LABEL_VERSION, projectLabelFilter } from './labels.js';
import type { ObservedNode, ObservedService, ObservedTask, SwarmCalls, SwarmState } from './swarm-engine.js';
import { isNotManagerRefusal, isOutOfSequence, notManagerError, serviceChangedError } from './swarm-errors.js';

/** The role label of the project's overlay network. */
const ROLE_NETWORK = 'network';

interface InfoJson {
  Swarm?: { LocalNodeState?: string; ControlAvailable?: boolean; NodeID?: string };
}

interface NodeJsonFull {
  ID: string;
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string> };
  Description?: {
    Hostname?: string;
    Resources?: { GenericResources?: { DiscreteResourceSpec?: { Kind: string; Value: number }; NamedResourceSpec?: { Kind: string; Value: string } }[] };
  };
  Status?: { State?: string };
}

type GenericJson = { DiscreteResourceSpec?: { Kind: string; Value: number }; NamedResourceSpec?: { Kind: string; Value: string } };

const genericText = (list: GenericJson[] | null | undefined): string[] =>
  (list ?? []).map((g) => (g.NamedResourceSpec ? `${g.NamedResourceSpec.Kind}=${g.NamedResourceSpec.Value}` : `${g.DiscreteResourceSpec?.Kind}=${g.DiscreteResourceSpec?.Value}`));

export function toObservedService(s: ServiceInspectJson): ObservedService {
  const spec = (s.Spec ?? {}) as ServiceSpecJson;
  const labels = spec.Labels ?? {};
  return {
    id: s.ID,
    name: spec.Name ?? s.ID,
    version: s.Version?.Index ?? 0,
    project: labels[LABEL_PROJECT] ?? null,
    envName: labels[LABEL_ENV] ?? null,
    spec,
    updateState: s.UpdateStatus?.State ?? null,
    updateMessage: s.UpdateStatus?.Message ?? '',
    runningTasks: s.ServiceStatus?.RunningTasks ?? null,
    desiredTasks: s.ServiceStatus?.DesiredTasks ?? null,
  };
}

function toObservedTask(t: TaskJson & { AssignedGenericResources?: GenericJson[] }): ObservedTask {
  return {
    id: t.ID,
    serviceId: t.ServiceID ?? '',
    slot: t.Slot ?? null,
    nodeId: t.NodeID ?? '',
    desiredState: t.DesiredState ?? '',
    state: t.Status?.State ?? '',
    message: t.Status?.Message ?? '',
    error: t.Status?.Err ?? '',
    template: t.Spec,
    updatedAt: t.UpdatedAt ?? t.Status?.Timestamp ?? '',
    assignedResources: genericText(t.AssignedGenericResources),
  };
}

function toObservedNode(n: NodeJsonFull): ObservedNode {
  return {
    id: n.ID,
    hostname: n.Description?.Hostname ?? n.ID,
    role: n.Spec?.Role ?? '',
    availability: n.Spec?.Availability ?? '',
    state: n.Status?.State ?? '',
    labels: { ...(n.Spec?.Labels ?? {}) },
    genericResources: genericText(n.Description?.Resources?.GenericResources),
  };
}

export function swarmCalls(client: EngineClient): SwarmCalls {
  const { docker } = client;

  const swarmState = async (): Promise<SwarmState> => {
    const info = (await client.call('read the engine info', () => docker.info())) as InfoJson;
    return {
      localNodeState: info.Swarm?.LocalNodeState ?? 'inactive',
      isManager: info.Swarm?.ControlAvailable === true,
      nodeId: info.Swarm?.NodeID ?? '',
    };
  };

  /** A Swarm call: an engine that is no manager says why in one sentence (asking /info only then). */
  const swarm = async <T>(doing: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (err) {
      if (isNotManagerRefusal(err)) throw notManagerError(client.endpoint, await swarmState().catch(() => null), err);
      throw toEnvctlError(err, { endpoint: client.endpoint, doing });
    }
  };
  /** The id of the network named `name` when `error` says it exists and it carries the project's network labels. */
  const alreadyOurs = async (name: string, project: string, error: unknown): Promise<string | null> => {
    if ((error as { statusCode?: unknown }).statusCode !== 409 && !/already exists/i.test(String((error as Error).message))) return null;
    const found = (await swarmOrNull(`inspect network ${name}`, () => docker.getNetwork(name).inspect())) as { Id: string; Labels?: Record<string, string> | null } | null;
    const labels = found?.Labels ?? {};
    return found !== null && labels[LABEL_PROJECT] === project && labels[LABEL_ROLE] === ROLE_NETWORK ? found.Id : null;
  };
  const swarmOrNull = <T>(doing: string, run: () => Promise<T>): Promise<T | null> =>
    swarm(doing, async () => {
      try {
        return await run();
      } catch (err) {
        if ((err as { statusCode?: unknown }).statusCode === 404) return null;
        throw err;
      }
    });

  /** The tasks of these services, any state: one call whatever their number. */
  const listTasks = async (serviceIds: readonly string[]): Promise<TaskJson[]> => (await docker.listTasks({ filters: { service: [...serviceIds] } })) as TaskJson[];

  return {
    swarmState,

    async listProjectServices(project) {
      // status=true: each service's running and desired task counts, in the same call.
      const options = { filters: { label: [projectLabelFilter(project)] }, status: true };
      const list = await swarm('list services', () => docker.listServices(options));
      return (list as unknown as ServiceInspectJson[]).map(toObservedService).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },

    inspectService(idOrName) {
      return swarmOrNull(`inspect service ${idOrName}`, async () => toObservedService((await docker.getService(idOrName).inspect()) as ServiceInspectJson));
    },

    async createService(spec) {
      const body: object = spec;
      const made = await swarm(`create service ${spec.Name}`, () => docker.createService(body as Docker.CreateServiceOptions));
      return (made as { ID?: string; id?: string }).ID ?? (made as { id?: string }).id ?? '';
    },

    async updateService(id, version, spec) {
      await swarm(`update service ${spec.Name}`, async () => {
        try {
          // docker-modem sends _query as the query string and _body as the body.
          const options = { _query: { version }, _body: spec };
          await docker.getService(id).update(options);
        } catch (err) {
          if (isOutOfSequence(err)) throw serviceChangedError(spec.Name, err);
          throw err;
        }
      });
    },

    async removeService(id) {
      await swarmOrNull(`remove service ${id}`, async () => (await docker.getService(id).remove()) as unknown);
    },

    async findProjectNetwork(project) {
      const filters = { label: [projectLabelFilter(project), `${LABEL_ROLE}=${ROLE_NETWORK}`], driver: ['overlay'] };
      const list = await client.call('list networks', () => docker.listNetworks({ filters }));
      const found = (list as { Id: string; Name: string }[])[0];
      return found === undefined ? null : { id: found.Id, name: found.Name };
    },

    async createProjectNetwork(project, name) {
      const options: NetworkCreateOptions = {
        Name: name,
        Driver: 'overlay',
        Attachable: true,
        CheckDuplicate: true,
        Labels: { [LABEL_PROJECT]: project, [LABEL_ROLE]: ROLE_NETWORK, [LABEL_VERSION]: ENVCTL_VERSION },
      };
      try {
        const network = await swarm(`create network ${name}`, () => docker.createNetwork(options));
        return network.id;
      } catch (error) {
        // A manager's network list leaves out the swarm's networks when its own cluster query fails (dockerd drops
        // that error; seen under load), so the plan may not have seen the project's network: it is ours, use it.
        const ours = await alreadyOurs(name, project, error);
        if (ours !== null) return ours;
        throw error;
      }
    },

    async removeNetwork(id) {
      await client.orNull(`remove network ${id}`, () => docker.getNetwork(id).remove());
    },

    async listServiceTasks(serviceId) {
      return (await swarm('list tasks', () => listTasks([serviceId]))).map(toObservedTask);
    },

    async listServicesNamed(names) {
      if (names.length === 0) return [];
      const list = await swarm('list services', () => docker.listServices({ filters: { name: [...names] } }));
      return (list as unknown as ServiceInspectJson[]).map(toObservedService).filter((s) => names.includes(s.name));
    },

    async listTasksOfServices(serviceIds) {
      if (serviceIds.length === 0) return [];
      return (await swarmOrNull('list tasks', () => listTasks(serviceIds)))?.map(toObservedTask) ?? null;
    },

    async listNodes() {
      const list = await swarm('list nodes', () => docker.listNodes());
      return (list as NodeJsonFull[]).map(toObservedNode);
    },
  };
}
