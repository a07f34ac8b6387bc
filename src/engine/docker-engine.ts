// The Engine interface implemented over dockerode: envctl types in, envctl types out, errors as EnvctlErrors.
import type Docker from 'dockerode';
import { EnvctlError } from '../errors/envctl-error.js';
import type { CanonicalVolume } from '../spec/canonical-env.js';
import { countRequests, type RequestStats } from './count-requests.js';
import type {
  CreateContainerRequest,
  Engine,
  ImageInfo,
  ObservedContainer,
  ObservedVolume,
  UpdatePatch,
} from './engine.js';
import { isAlreadyDone, isNotFound, toEnvctlError, unreachableError } from './engine-errors.js';
import { isEnvctlLabel, LABEL_PROJECT, projectLabelFilter } from './labels.js';
import { observeContainer, type ContainerInspectJson } from './observe.js';
import { toCreateOptions } from './to-create-options.js';
import { unsupportedUpdate } from './update-support.js';

const PING_TIMEOUT_MS = 10_000;

function sortedRecord(rec: Record<string, string> | null | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(rec ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

interface VolumeJson {
  Name: string;
  Driver?: string;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** Volume labels as envctl compares them: user labels only, like CanonicalVolume.labels. */
function toObservedVolume(v: VolumeJson): ObservedVolume {
  return {
    name: v.Name,
    driver: v.Driver ?? 'local',
    driverOpts: sortedRecord(v.Options),
    labels: sortedRecord(Object.fromEntries(Object.entries(v.Labels ?? {}).filter(([k]) => !isEnvctlLabel(k)))),
  };
}

export class DockerEngine implements Engine {
  readonly endpoint: string;
  private readonly docker: Docker;
  private readonly counter: ReturnType<typeof countRequests>;

  constructor(docker: Docker, endpoint: string) {
    this.docker = docker;
    this.endpoint = endpoint;
    this.counter = countRequests(docker.modem as unknown as Parameters<typeof countRequests>[0]);
  }

  /** Real HTTP requests sent since creation (or the last resetStats), by operation ('container.list', …). */
  stats(): RequestStats {
    return this.counter.stats();
  }

  resetStats(): void {
    this.counter.reset();
  }

  private async call<T>(doing: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw toEnvctlError(err, { endpoint: this.endpoint, doing });
    }
  }

  /** For lifecycle calls where "already in that state" is success (304, already paused …). */
  private async lifecycle(doing: string, run: () => Promise<unknown>): Promise<void> {
    try {
      await run();
    } catch (err) {
      if (isAlreadyDone(err)) return;
      throw toEnvctlError(err, { endpoint: this.endpoint, doing });
    }
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(unreachableError(this.endpoint, `no answer within ${PING_TIMEOUT_MS / 1000}s`)),
        PING_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.call('ping', () => this.docker.ping()), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async listProjectContainers(project: string): Promise<string[]> {
    const list = await this.call('list containers', () =>
      this.docker.listContainers({ all: true, filters: { label: [projectLabelFilter(project)] } }),
    );
    return list.map((c) => c.Id);
  }

  async inspectContainer(idOrName: string): Promise<ObservedContainer | null> {
    try {
      const info = await this.docker.getContainer(idOrName).inspect();
      return observeContainer(info as unknown as ContainerInspectJson);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw toEnvctlError(err, { endpoint: this.endpoint, doing: `inspect container ${idOrName}` });
    }
  }

  async inspectImage(ref: string): Promise<ImageInfo | null> {
    try {
      const info = await this.docker.getImage(ref).inspect();
      const c = info.Config;
      return {
        id: info.Id,
        ref,
        env: c?.Env ?? [],
        cmd: c?.Cmd && c.Cmd.length > 0 ? [...c.Cmd] : null,
        entrypoint: Array.isArray(c?.Entrypoint) && c.Entrypoint.length > 0 ? [...c.Entrypoint] : typeof c?.Entrypoint === 'string' ? [c.Entrypoint] : null,
        workingDir: c?.WorkingDir ?? '',
        user: c?.User ?? '',
        labels: sortedRecord(c?.Labels),
        volumes: Object.keys(c?.Volumes ?? {}).sort(),
      };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw toEnvctlError(err, { endpoint: this.endpoint, doing: `inspect image ${ref}` });
    }
  }

  async pullImage(ref: string, onProgress?: (line: string) => void): Promise<void> {
    const doing = `pull ${ref}`;
    const stream = await this.call(doing, () => this.docker.pull(ref) as Promise<NodeJS.ReadableStream>);
    await new Promise<void>((resolve, reject) => {
      this.docker.modem.followProgress(
        stream,
        (err: Error | null) => (err ? reject(toEnvctlError(err, { endpoint: this.endpoint, doing })) : resolve()),
        (event: { status?: string; id?: string; progress?: string; error?: string }) => {
          if (!onProgress || !event.status) return;
          onProgress([event.id, event.status, event.progress].filter(Boolean).join(' '));
        },
      );
    });
  }

  async createContainer(req: CreateContainerRequest): Promise<string> {
    const body = toCreateOptions(req);
    const container = await this.call(`create container ${req.name}`, () =>
      this.docker.createContainer({ ...body, name: req.name }),
    );
    return container.id;
  }

  startContainer(id: string): Promise<void> {
    return this.lifecycle(`start container ${id}`, () => this.docker.getContainer(id).start());
  }

  stopContainer(id: string): Promise<void> {
    return this.lifecycle(`stop container ${id}`, () => this.docker.getContainer(id).stop());
  }

  pauseContainer(id: string): Promise<void> {
    return this.lifecycle(`pause container ${id}`, () => this.docker.getContainer(id).pause());
  }

  unpauseContainer(id: string): Promise<void> {
    return this.lifecycle(`unpause container ${id}`, () => this.docker.getContainer(id).unpause());
  }

  async updateContainer(id: string, patch: UpdatePatch): Promise<void> {
    const refused = unsupportedUpdate(patch);
    if (refused !== null) {
      throw new EnvctlError('engine', `cannot update container ${id} in place: ${refused}`, {
        hint: 'the container must be recreated for this change',
      });
    }
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
      body.Memory = patch.memLimitBytes;
      body.MemorySwap = 2 * patch.memLimitBytes;
    }
    if (Object.keys(body).length === 0) return;
    await this.call(`update container ${id}`, () => this.docker.getContainer(id).update(body));
  }

  async renameContainer(id: string, newName: string): Promise<void> {
    await this.call(`rename container ${id} to ${newName}`, () => this.docker.getContainer(id).rename({ name: newName }));
  }

  async removeContainer(id: string): Promise<void> {
    const container = this.docker.getContainer(id);
    try {
      // v=false: named volumes always survive; anonymous ones too, as with a plain `docker rm`.
      await container.remove({ v: false, force: false });
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      const running = (err as { statusCode?: number }).statusCode === 409 && /running|paused|stop the container/i.test(String((err as Error).message));
      if (!running) throw toEnvctlError(err, { endpoint: this.endpoint, doing: `remove container ${id}` });
    }
    try {
      await container.remove({ v: false, force: true });
    } catch (err) {
      if (isNotFound(err)) return;
      throw toEnvctlError(err, { endpoint: this.endpoint, doing: `remove container ${id}` });
    }
  }

  async inspectVolume(name: string): Promise<ObservedVolume | null> {
    try {
      const info = await this.docker.getVolume(name).inspect();
      return toObservedVolume(info as unknown as VolumeJson);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw toEnvctlError(err, { endpoint: this.endpoint, doing: `inspect volume ${name}` });
    }
  }

  async createVolume(volume: CanonicalVolume, project: string): Promise<void> {
    await this.call(`create volume ${volume.name}`, () =>
      this.docker.createVolume({
        Name: volume.name,
        Driver: volume.driver,
        DriverOpts: volume.driverOpts,
        Labels: { ...sortedRecord(volume.labels), [LABEL_PROJECT]: project },
      }),
    );
  }

  async listProjectVolumes(project: string): Promise<ObservedVolume[]> {
    const res = await this.call('list volumes', () =>
      this.docker.listVolumes({ filters: { label: [projectLabelFilter(project)] } }),
    );
    return ((res.Volumes ?? []) as unknown as VolumeJson[]).map(toObservedVolume).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  async removeVolume(name: string): Promise<void> {
    try {
      await this.docker.getVolume(name).remove();
    } catch (err) {
      if (isNotFound(err)) return;
      throw toEnvctlError(err, { endpoint: this.endpoint, doing: `remove volume ${name}` });
    }
  }
}
