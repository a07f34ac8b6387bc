// The Engine interface implemented over dockerode: envctl types in, envctl types out, errors as EnvctlErrors.
import type Docker from 'dockerode';
import { EnvctlError } from '../errors/envctl-error.js';
import type { CanonicalVolume } from '../spec/desired-state.js';
import { countRequests, type RequestStats } from './count-requests.js';
import { refuseUnsafePaths } from './refuse-unsafe-paths.js';
import type {
  BuildOptions,
  BuildRequest,
  CommitRequest,
  ContainerChange,
  CreateContainerRequest,
  Engine,
  LockRecord,
  ImageInfo,
  ObservedContainer,
  ObservedVolume,
  ProjectListing,
  UpdatePatch,
} from './engine.js';
import { isAlreadyDone, isNotFound, toEnvctlError } from './engine-errors.js';
import { guardEngineRequests, type RequestGuard } from './guard-engine-requests.js';
import { followJsonStream } from './follow-json-stream.js';
import { DEFAULT_ENGINE_TIMEOUT_MS } from './engine-timeout.js';
import { isEnvctlLabel, LABEL_PROJECT, LABEL_ROLE, LABEL_VERSION, ENVCTL_VERSION, projectLabelFilter } from './labels.js';
import { observeContainer, type ContainerInspectJson } from './observe.js';
import { toCreateOptions } from './to-create-options.js';
import { toProjectListing } from './project-listing.js';
import { imageLabDefaults, type ImageConfigJson } from './image-lab-defaults.js';
import { listGpuContainers, probeGpuRequest } from './gpu-engine-calls.js';
import type { GpuClaimContainer, GpuProbe } from '../features/gpu/gpu-probe.js';
import type { GpuRequest } from '../fields/canonical-env.js';
import { unsupportedUpdate } from './update-support.js';
import type { ImageArchive, LabelledImage, TransferProgress } from './image-archive.js';
import { readLinkTarget, type ContainerFiles } from './container-files.js';
import type { TarEntry } from './tar-entries.js';
import { PassThrough, type Readable } from 'node:stream';
import { LOCK_IMAGE, lockImageTar } from './lock-image.js';
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

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

export class DockerEngine implements Engine, ImageArchive, ContainerFiles, GpuProbe {
  readonly endpoint: string;
  private readonly docker: Docker;
  private readonly counter: ReturnType<typeof countRequests>;
  private readonly guard: RequestGuard;
  /** Stop grace periods (s) of containers inspected or created here: a stop may take that long plus the timeout. */
  private readonly graceSeconds = new Map<string, number>();

  /** `timeoutMs`: how long the engine may stay silent (engine-timeout.ts); 0 = wait forever. */
  constructor(docker: Docker, endpoint: string, timeoutMs = DEFAULT_ENGINE_TIMEOUT_MS) {
    this.docker = docker;
    this.endpoint = endpoint;
    refuseUnsafePaths(docker.modem as unknown as Parameters<typeof refuseUnsafePaths>[0]);
    const modem = docker.modem as unknown as Parameters<typeof countRequests>[0] & Parameters<typeof guardEngineRequests>[0];
    this.counter = countRequests(modem);
    this.guard = guardEngineRequests(modem, timeoutMs, () => this.docker.ping().then(() => undefined));
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
    await this.call('ping', () => this.docker.ping());
  }

  async listProjectContainers(project: string): Promise<string[]> {
    return (await this.listProject(project)).containerIds;
  }

  async listProject(project: string): Promise<ProjectListing> {
    const list = await this.call('list containers', () =>
      this.docker.listContainers({ all: true, filters: { label: [projectLabelFilter(project)] } }),
    );
    return toProjectListing(list);
  }

  async inspectContainer(idOrName: string): Promise<ObservedContainer | null> {
    try {
      const info = await this.docker.getContainer(idOrName).inspect();
      const observed = observeContainer(info as unknown as ContainerInspectJson);
      // The engine's default grace period is 10 s.
      this.graceSeconds.set(observed.id, observed.config.stopGracePeriodSeconds ?? 10);
      return observed;
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
        ...imageLabDefaults(c as ImageConfigJson | undefined),
        ...(info.RepoDigests && info.RepoDigests.length > 0 ? { repoDigests: [...info.RepoDigests].sort() } : {}),
      };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw toEnvctlError(err, { endpoint: this.endpoint, doing: `inspect image ${ref}` });
    }
  }

  async pullImage(ref: string, onProgress?: (line: string) => void, signal?: AbortSignal): Promise<void> {
    const doing = `pull ${ref}`;
    const stream = await this.call(doing, () => this.docker.pull(ref, signal ? { abortSignal: signal } : {}) as Promise<Readable>);
    await this.call(doing, () =>
      followJsonStream(stream, (event: { status?: string; id?: string; progress?: string; error?: string }) => {
        if (!onProgress || !event.status) return;
        onProgress([event.id, event.status, event.progress].filter(Boolean).join(' '));
      }),
    );
  }

  async registryDigest(ref: string): Promise<string> {
    const doing = `ask the registry about ${ref}`;
    let info: { Descriptor?: { digest?: string } };
    try {
      info = (await this.docker.getImage(ref).distribution()) as typeof info;
    } catch (err) {
      const error = toEnvctlError(err, { endpoint: this.endpoint, doing });
      if (error.code === 'engine-unreachable') throw error;
      throw new EnvctlError(error.code, error.message, {
        hint: 'pull_policy: always asks the registry at every plan: check the image reference, that the registry is reachable from the engine, and `docker login` for a private one — or use pull_policy: missing',
        cause: err,
      });
    }
    const digest = info.Descriptor?.digest;
    if (!digest) {
      throw new EnvctlError('engine', `${doing}: the registry answered without a digest`, {
        hint: 'the registry may not speak the v2 distribution API; use pull_policy: missing for this image',
      });
    }
    return digest;
  }

  async buildImage(req: BuildRequest, options: BuildOptions = {}): Promise<string> {
    const totalBytes = req.entries.reduce((sum, e) => sum + e.size, 0);
    const { packBuildContext } = await import('./pack-build-context.js'); // tar-stream only for commands that build
    const upload = packBuildContext(req.context, req.entries, options.onUpload && ((bytes) => options.onUpload!({ bytes, totalBytes })));
    try {
      return await this.sendBuild(req, upload, options);
    } finally {
      upload.destroy(); // a build that failed before reading all of it: stop reading, close the file
    }
  }

  private async sendBuild(req: BuildRequest, upload: Readable, { onProgress, signal }: BuildOptions): Promise<string> {
    const doing = `build ${req.tag}`;
    const options = {
      t: req.tag,
      dockerfile: req.dockerfile,
      labels: req.labels,
      rm: true,
      forcerm: true,
      ...(Object.keys(req.args).length > 0 ? { buildargs: req.args } : {}),
      ...(req.target !== null ? { target: req.target } : {}),
      ...(signal ? { abortSignal: signal } : {}),
    };
    const stream = (await this.call(doing, () => this.docker.buildImage(upload, options))) as Readable;
    let failure: string | null = null;
    let imageId: string | null = null;
    await this.call(doing, () =>
      followJsonStream(stream, (event: { stream?: string; error?: string; errorDetail?: { message?: string }; aux?: { ID?: string } }) => {
        if (event.error) failure = event.errorDetail?.message ?? event.error;
        if (event.aux?.ID) imageId = event.aux.ID;
        const text = event.stream?.trim();
        if (onProgress && text) for (const line of text.split('\n')) onProgress(line);
      }),
    );
    if (failure !== null) throw new EnvctlError('build-failed', `${doing}: ${String(failure).trim()}`, { hint: `fix the Dockerfile or the context in ${req.context}` });
    // The classic builder says the id in an aux message; read it from the tag otherwise.
    const built = imageId ?? (await this.inspectImage(req.tag))?.id;
    if (!built) {
      throw new EnvctlError('build-failed', `${doing}: the engine finished without an image`, {
        hint: `run \`docker build ${req.context}\` to see the engine's own output`,
      });
    }
    return built;
  }

  async createContainer(req: CreateContainerRequest): Promise<string> {
    const body = toCreateOptions(req);
    const container = await this.call(`create container ${req.name}`, () =>
      this.docker.createContainer({ ...body, name: req.name }),
    );
    this.graceSeconds.set(container.id, req.env.stopGracePeriodSeconds ?? 10);
    return container.id;
  }

  startContainer(id: string): Promise<void> {
    return this.lifecycle(`start container ${id}`, () => this.docker.getContainer(id).start());
  }

  stopContainer(id: string): Promise<void> {
    // The grace period, when known, is sent as the container has it: the same stop, and the request's time limit.
    const t = this.graceSeconds.get(id);
    return this.lifecycle(`stop container ${id}`, () => this.docker.getContainer(id).stop(t === undefined ? {} : { t }));
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
      // A spec's memory_swap (-1 = unlimited, or bytes) is sent instead of that default.
      body.Memory = patch.memLimitBytes;
      body.MemorySwap = patch.memSwapBytes ? patch.memSwapBytes : 2 * patch.memLimitBytes;
    }
    // -1 is how the update API says "unlimited" (0 would mean "leave as is").
    if (patch.pidsLimit !== undefined) body.PidsLimit = patch.pidsLimit === 0 ? -1 : patch.pidsLimit;
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

  // ---- ContainerFiles (features that reach into a container: ssh) -------------------------------------------

  async putFiles(id: string, path: string, files: readonly TarEntry[]): Promise<void> {
    const { writeTar } = await import('./tar-entries.js'); // tar-stream is loaded by the commands that write or build
    const tar = await writeTar(files);
    await this.call(`copy files into container ${id}`, () => this.docker.getContainer(id).putArchive(tar, { path }));
  }

  async pathExists(id: string, path: string): Promise<boolean> {
    // GET rather than HEAD: dockerode leaves the socket of a HEAD /archive open (the process then lingers for minutes),
    // and the body is not read — the stream is destroyed at once.
    try {
      const stream = await this.docker.getContainer(id).getArchive({ path });
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw toEnvctlError(err, { endpoint: this.endpoint, doing: `look for ${path} in container ${id}` });
    }
  }

  async linkTarget(id: string, path: string): Promise<string | null> {
    // The engine's stat of the path rides in a header of the archive answer; the body is not read (see pathExists).
    try {
      const stream = (await this.docker.getContainer(id).getArchive({ path })) as NodeJS.ReadableStream & { headers?: Record<string, string>; destroy?: () => void };
      stream.destroy?.();
      return readLinkTarget(stream.headers?.['x-docker-container-path-stat']);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw toEnvctlError(err, { endpoint: this.endpoint, doing: `look at ${path} in container ${id}` });
    }
  }

  async readContainerFile(id: string, path: string): Promise<Buffer | null> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.docker.getContainer(id).getArchive({ path });
    } catch (err) {
      if (isNotFound(err)) return null;
      throw toEnvctlError(err, { endpoint: this.endpoint, doing: `read ${path} from container ${id}` });
    }
    const chunks: Buffer[] = [];
    await this.call(`read ${path} from container ${id}`, async () => {
      for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(Buffer.from(chunk));
    });
    const { readFirstTarFile } = await import('./tar-entries.js');
    return readFirstTarFile(Buffer.concat(chunks));
  }

  async execInContainer(id: string, cmd: string[], onLine?: (line: string) => void): Promise<number> {
    const doing = `run ${cmd[0] ?? ''} in container ${id}`;
    const exec = await this.call(doing, () =>
      this.docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, User: '0' }),
    );
    const stream = await this.call(doing, () => exec.start({ hijack: true, stdin: false }));
    const out = new PassThrough();
    this.docker.modem.demuxStream(stream, out, out);
    let pending = '';
    out.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split(/\r?\n|\r/);
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') onLine?.(line);
    });
    await this.call(doing, () =>
      new Promise<void>((resolve, reject) => {
        stream.on('end', resolve);
        stream.on('close', resolve);
        stream.on('error', reject);
      }),
    );
    if (pending.trim() !== '') onLine?.(pending);
    const info = await this.call(doing, () => exec.inspect());
    return info.ExitCode ?? -1;
  }

  async publishedPort(id: string, containerPort: string): Promise<number | null> {
    const info = await this.call(`inspect container ${id}`, () => this.docker.getContainer(id).inspect());
    const bound = info.NetworkSettings?.Ports?.[containerPort]?.[0]?.HostPort;
    return bound ? Number(bound) : null;
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
        Labels: { ...sortedRecord(volume.labels), [LABEL_PROJECT]: project, [LABEL_VERSION]: ENVCTL_VERSION },
      }),
    );
  }

  async listProjectVolumes(project: string): Promise<ObservedVolume[]> {
    const res = await this.call('list volumes', () =>
      this.docker.listVolumes({ filters: { label: [projectLabelFilter(project)] } }),
    );
    return ((res.Volumes ?? []) as unknown as VolumeJson[]).map(toObservedVolume).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  async engineRuntimes(): Promise<string[]> {
    const info = await this.call('read engine info', () => this.docker.info() as Promise<{ Runtimes?: Record<string, unknown> }>);
    return Object.keys(info.Runtimes ?? {}).sort();
  }

  probeGpuRequest(gpu: GpuRequest, image: string): Promise<string | null | 'no-image'> {
    return this.call('check GPU support', () => probeGpuRequest(this.docker, gpu, image));
  }

  listGpuContainers(): Promise<GpuClaimContainer[]> {
    return this.call('list containers with GPUs', () => listGpuContainers(this.docker));
  }

  async removeVolume(name: string): Promise<void> {
    try {
      await this.docker.getVolume(name).remove();
    } catch (err) {
      if (isNotFound(err)) return;
      throw toEnvctlError(err, { endpoint: this.endpoint, doing: `remove volume ${name}` });
    }
  }

  async containerChanges(id: string): Promise<ContainerChange[]> {
    let raw: unknown;
    try {
      raw = await this.docker.getContainer(id).changes();
    } catch (err) {
      if (isNotFound(err)) return [];
      throw toEnvctlError(err, { endpoint: this.endpoint, doing: `read the changes of container ${id}` });
    }
    // Engine API: 0 = modified, 1 = added, 2 = deleted.
    const kinds = ['changed', 'added', 'deleted'] as const;
    // No changes comes back as the JSON body `null`, which docker-modem hands over unparsed (a Buffer).
    if (Buffer.isBuffer(raw) || typeof raw === 'string') raw = JSON.parse(raw.toString() || 'null');
    if (!Array.isArray(raw)) return [];
    return (raw as { Path: string; Kind: number }[]).map((c) => ({ path: c.Path, kind: kinds[c.Kind] ?? 'changed' }));
  }

  async commitContainer(id: string, req: CommitRequest): Promise<string> {
    // Labels go in as Dockerfile LABEL instructions; JSON strings are valid Dockerfile quoting for any value.
    const changes = Object.entries(req.labels).map(([k, v]) => `LABEL ${JSON.stringify(k)}=${JSON.stringify(v)}`);
    const res = await this.call(`commit container ${id} to ${req.repo}:${req.tag}`, () =>
      this.docker.getContainer(id).commit({ repo: req.repo, tag: req.tag, comment: req.message, pause: true, changes }),
    );
    return String((res as { Id?: string }).Id ?? '');
  }

  async createLock(name: string, labels: Record<string, string>): Promise<boolean> {
    // A container name is reserved atomically by the engine, so two creates from any number of machines cannot both
    // succeed. The container is never started; its image has no files, so it costs nothing.
    const create = () => this.docker.createContainer({ name, Image: LOCK_IMAGE, Cmd: ['envctl-lock'], Labels: labels, NetworkDisabled: true });
    for (let attempt = 0; ; attempt++) {
      try {
        await create();
        return true;
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        if (status === 409) return false;
        if (status === 404 && attempt === 0) {
          await this.importLockImage();
          continue;
        }
        throw toEnvctlError(err, { endpoint: this.endpoint, doing: `create the lock ${name}` });
      }
    }
  }

  private async importLockImage(): Promise<void> {
    const [repo, tag] = LOCK_IMAGE.split(':') as [string, string];
    const doing = `create the lock image ${LOCK_IMAGE}`;
    const stream = await this.call(doing, () =>
      this.docker.importImage(lockImageTar(), { repo, tag, changes: `LABEL ${LABEL_ROLE}=lock-image` }),
    );
    await this.call(doing, () => followJsonStream(stream as Readable));
  }

  async readLock(name: string): Promise<LockRecord | null> {
    try {
      const info = await this.docker.getContainer(name).inspect();
      return { id: info.Id, labels: { ...(info.Config.Labels ?? {}) } };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw toEnvctlError(err, { endpoint: this.endpoint, doing: `read the lock ${name}` });
    }
  }

  async removeLock(id: string): Promise<void> {
    const remove = () => this.docker.getContainer(id).remove({ force: true }) as Promise<unknown>;
    try {
      // Tried even when the engine stopped answering: an apply that timed out still releases its lock if it can.
      await this.guard.evenIfHung(remove);
    } catch (err) {
      if (isNotFound(err)) return;
      throw toEnvctlError(err, { endpoint: this.endpoint, doing: `remove the lock ${id}` });
    }
  }

  async listImagesByLabel(label: string): Promise<LabelledImage[]> {
    const list = await this.call('list images', () => this.docker.listImages({ filters: { label: [label] } }));
    return list.map((img) => ({
      id: img.Id,
      tags: (img.RepoTags ?? []).filter((t) => t !== '<none>:<none>'),
      labels: sortedRecord(img.Labels),
      created: new Date(img.Created * 1000).toISOString(),
      sizeBytes: img.Size,
    }));
  }

  async saveImage(ref: string, file: string, onProgress?: (p: TransferProgress) => void, signal?: AbortSignal): Promise<void> {
    const doing = `save image ${ref}`;
    const info = await this.call(doing, () => this.docker.getImage(ref).inspect());
    const stream = (await this.call(doing, () => this.docker.getImage(ref).get())) as NodeJS.ReadableStream;
    // A partial tar (failed or aborted) would look like a save to whoever finds it.
    await this.call(doing, () => pipeline(stream, counting(info.Size, onProgress), createWriteStream(file), signal ? { signal } : {})).catch((err) => {
      rmSync(file, { force: true });
      throw err;
    });
  }

  async loadImages(file: string, onProgress?: (p: TransferProgress) => void, signal?: AbortSignal): Promise<string[]> {
    const doing = `load images from ${file}`;
    const total = statSync(file).size;
    const input = createReadStream(file).pipe(counting(total, onProgress));
    const stream = (await this.call(doing, () => this.docker.loadImage(input as unknown as string, { quiet: true, ...(signal ? { abortSignal: signal } : {}) }))) as Readable;
    const loaded: string[] = [];
    await this.call(doing, () =>
      followJsonStream(stream, (event: { stream?: string; error?: string }) => {
        const m = /Loaded image(?: ID)?: (\S+)/.exec(event.stream ?? '');
        if (m?.[1]) loaded.push(m[1]);
      }),
    );
    return loaded;
  }
}

/** A pass-through stream that reports how many bytes went by, at most every 100 ms plus once at the end. */
function counting(totalBytes: number | null, onProgress?: (p: TransferProgress) => void): Transform {
  let bytes = 0;
  let last = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      const now = Date.now();
      if (onProgress && now - last >= 100) {
        last = now;
        onProgress({ bytes, totalBytes });
      }
      done(null, chunk);
    },
    flush(done) {
      onProgress?.({ bytes, totalBytes });
      done();
    },
  });
}
