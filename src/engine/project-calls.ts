// A project on the engine: the one list call that finds its containers, its lock and its services marker, and those
// two themselves (created, never started containers: the engine reserves a name atomically; the image has no files).
import type { Readable } from 'node:stream';
import type { Engine } from './engine.js';
import type { EngineClient } from './engine-client.js';
import { toEnvctlError } from './engine-errors.js';
import { followJsonStream } from './follow-json-stream.js';
import type { RequestGuard } from './guard-engine-requests.js';
import { ENVCTL_VERSION, LABEL_PROJECT, LABEL_ROLE, LABEL_VERSION, projectLabelFilter, ROLE_SERVICES_MARKER } from './labels.js';
import { LOCK_IMAGE, lockImageTar } from './lock-image.js';
import { toProjectListing } from './project-listing.js';
import { toPublishedPorts } from './published-ports.js';

export type ProjectCalls = Pick<Engine, 'listProject' | 'listProjectContainers' | 'listPublishedPorts' | 'createLock' | 'readLock' | 'removeLock' | 'createServicesMarker' | 'removeServicesMarker'>;

export function projectCalls(client: EngineClient, guard: RequestGuard): ProjectCalls {
  const { docker } = client;

  const listProject: Engine['listProject'] = async (project) => {
    const list = await client.call('list containers', () => docker.listContainers({ all: true, filters: { label: [projectLabelFilter(project)] } }));
    return toProjectListing(list);
  };

  const importLockImage = async (): Promise<void> => {
    const [repo, tag] = LOCK_IMAGE.split(':') as [string, string];
    const doing = `create the lock image ${LOCK_IMAGE}`;
    const stream = await client.call(doing, () => docker.importImage(lockImageTar(), { repo, tag, changes: `LABEL ${LABEL_ROLE}=lock-image` }));
    await client.call(doing, () => followJsonStream(stream as Readable));
  };

  /** false when a container of that name exists already (409). */
  const createNeverStarted = async (name: string, labels: Record<string, string>, doing: string): Promise<boolean> => {
    const create = () => docker.createContainer({ name, Image: LOCK_IMAGE, Cmd: [`envctl-${labels[LABEL_ROLE] ?? 'lock'}`], Labels: labels, NetworkDisabled: true });
    for (let attempt = 0; ; attempt++) {
      try {
        await create();
        return true;
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        if (status === 409) return false;
        // 404 here: no lock image yet.
        if (status === 404 && attempt === 0) {
          await importLockImage();
          continue;
        }
        throw toEnvctlError(err, { endpoint: client.endpoint, doing });
      }
    }
  };

  return {
    listProject,

    async listProjectContainers(project) {
      return (await listProject(project)).containerIds;
    },

    async listPublishedPorts() {
      // Only running (and paused) containers hold their host ports; the list answer carries them, no inspect needed.
      return toPublishedPorts(await client.call('list containers', () => docker.listContainers({ all: false })));
    },

    createLock(name, labels) {
      // A container name is reserved atomically by the engine, so two creates from any number of machines cannot both
      // succeed. The container is never started; its image has no files, so it costs nothing.
      return createNeverStarted(name, labels, `create the lock ${name}`);
    },

    async createServicesMarker(name, project) {
      const labels = { [LABEL_ROLE]: ROLE_SERVICES_MARKER, [LABEL_PROJECT]: project, [LABEL_VERSION]: ENVCTL_VERSION };
      await createNeverStarted(name, labels, `create the services marker ${name}`);
    },

    async removeServicesMarker(id) {
      await client.orNull(`remove the services marker ${id}`, () => docker.getContainer(id).remove({ force: true }) as Promise<unknown>);
    },

    readLock(name) {
      return client.orNull(`read the lock ${name}`, async () => {
        const info = await docker.getContainer(name).inspect();
        return { id: info.Id, labels: { ...(info.Config.Labels ?? {}) } };
      });
    },

    async removeLock(id) {
      // Tried even when the engine stopped answering: an apply that timed out still releases its lock if it can.
      await client.orNull(`remove the lock ${id}`, () => guard.evenIfHung(() => docker.getContainer(id).remove({ force: true }) as Promise<unknown>));
    },
  };
}
