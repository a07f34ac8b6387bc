// An environment's container and its lifecycle on the engine: inspect, create, start, stop, pause, update, rename, remove.
import { EnvctlError } from '../errors/envctl-error.js';
import type { Engine, UpdatePatch } from './engine.js';
import type { EngineClient } from './engine-client.js';
import { observeContainer, type ContainerInspectJson } from './observe.js';
import { toCreateOptions } from './to-create-options.js';
import { unsupportedUpdate } from './update-support.js';

export type ContainerCalls = Pick<
  Engine,
  'inspectContainer' | 'createContainer' | 'startContainer' | 'stopContainer' | 'pauseContainer' | 'unpauseContainer' | 'updateContainer' | 'renameContainer' | 'removeContainer'
>;

/** The engine's default stop grace period, in seconds. */
const ENGINE_GRACE_SECONDS = 10;

export function containerCalls(client: EngineClient): ContainerCalls {
  const { docker } = client;
  /** Stop grace periods (s) of containers inspected or created here: a stop may take that long plus the timeout. */
  const graceSeconds = new Map<string, number>();
  return {
    inspectContainer(idOrName) {
      return client.orNull(`inspect container ${idOrName}`, async () => {
        const observed = observeContainer((await docker.getContainer(idOrName).inspect()) as unknown as ContainerInspectJson);
        graceSeconds.set(observed.id, observed.config.stopGracePeriodSeconds ?? ENGINE_GRACE_SECONDS);
        return observed;
      });
    },

    async createContainer(req) {
      const body = toCreateOptions(req);
      const container = await client.call(`create container ${req.name}`, () => docker.createContainer({ ...body, name: req.name }));
      graceSeconds.set(container.id, req.env.stopGracePeriodSeconds ?? ENGINE_GRACE_SECONDS);
      return container.id;
    },

    startContainer(id) {
      return client.lifecycle(`start container ${id}`, () => docker.getContainer(id).start());
    },

    stopContainer(id) {
      // The grace period, when known, is sent as the container has it: the same stop, and the request's time limit.
      const t = graceSeconds.get(id);
      return client.lifecycle(`stop container ${id}`, () => docker.getContainer(id).stop(t === undefined ? {} : { t }));
    },

    pauseContainer(id) {
      return client.lifecycle(`pause container ${id}`, () => docker.getContainer(id).pause());
    },

    unpauseContainer(id) {
      return client.lifecycle(`unpause container ${id}`, () => docker.getContainer(id).unpause());
    },

    async updateContainer(id, patch) {
      const refused = unsupportedUpdate(patch);
      if (refused !== null) {
        throw new EnvctlError('engine', `cannot update container ${id} in place: ${refused}`, {
          hint: 'the container must be recreated for this change',
        });
      }
      const body = toUpdateBody(patch);
      if (Object.keys(body).length === 0) return;
      await client.call(`update container ${id}`, () => docker.getContainer(id).update(body));
    },

    async renameContainer(id, newName) {
      await client.call(`rename container ${id} to ${newName}`, () => docker.getContainer(id).rename({ name: newName }));
    },

    async removeContainer(id) {
      const container = docker.getContainer(id);
      await client.orNull(`remove container ${id}`, async () => {
        try {
          // v=false: named volumes always survive; anonymous ones too, as with a plain `docker rm`.
          await container.remove({ v: false, force: false });
        } catch (err) {
          if (!isRunning(err)) throw err;
          await container.remove({ v: false, force: true });
        }
      });
    },
  };
}

/** The engine refused to remove a container because it runs (or is paused). */
function isRunning(err: unknown): boolean {
  return (err as { statusCode?: number }).statusCode === 409 && /running|paused|stop the container/i.test(String((err as Error).message));
}

/** The body of `POST /containers/{id}/update` for a patch. */
function toUpdateBody(patch: UpdatePatch): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (patch.restart) {
    body.RestartPolicy = {
      Name: patch.restart.name,
      MaximumRetryCount: patch.restart.name === 'on-failure' ? patch.restart.maxRetries : 0,
    };
  }
  if (patch.cpus !== undefined) body.NanoCpus = Math.round(patch.cpus * 1e9);
  if (patch.cpuset !== undefined) body.CpusetCpus = patch.cpuset;
  if (patch.memLimitBytes !== undefined) {
    // The engine refuses a memory limit above the current swap limit unless swap changes too; twice the memory is
    // what create gives a container whose swap is left out, so an updated container looks like a fresh one.
    // A spec's memory_swap (-1 = unlimited, or bytes) is sent instead of that default.
    body.Memory = patch.memLimitBytes;
    body.MemorySwap = patch.memSwapBytes ? patch.memSwapBytes : 2 * patch.memLimitBytes;
  }
  // -1 is how the update API says "unlimited" (0 would mean "leave as is").
  if (patch.pidsLimit !== undefined) body.PidsLimit = patch.pidsLimit === 0 ? -1 : patch.pidsLimit;
  return body;
}
