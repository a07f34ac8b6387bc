// The Engine interface: everything envctl asks of Docker, in envctl's own types (no dockerode type leaks out).
import type { CanonicalEnv } from '../fields/canonical-env.js';
import type { ImageDefaults } from '../fields/container-json.js';
import type { UpdatePatch } from '../fields/update-patch.js';
import type { CanonicalVolume } from '../spec/desired-state.js';
import type { TransferProgress } from './image-archive.js';
import type { AnonymousVolume } from '../fields/anonymous-volumes.js';
import type { SwarmCalls } from './swarm-engine.js';

export type { ObservedNetwork, ObservedNode, ObservedService, ObservedTask, SwarmCalls, SwarmState } from './swarm-engine.js';

export type { AnonymousVolume };

/** Raw lifecycle status as the engine reports it. */
export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

/** A container as observed: identity, ownership labels, lifecycle, and its canonical config (observe ∘ inspect). */
export interface ObservedContainer {
  id: string;
  /** Without the leading slash. */
  name: string;
  status: ContainerStatus;
  /** `dev.envctl.project` label, null when the container is not envctl's. */
  project: string | null;
  /** `dev.envctl.env` label. */
  envName: string | null;
  /** `dev.envctl.spec-hash` label. */
  specHash: string | null;
  /** `dev.envctl.sensitive` label: names of the variables whose values the spec made secret; absent when none. */
  sensitive?: string[];
  createdAt: string;
  exitCode: number;
  /** The engine's last error for this container (e.g. why it failed to start), '' if none. */
  error: string;
  /** The container read back as a canonical environment. */
  config: CanonicalEnv;
  /** ID of the image the container was created from (what its `image` reference pointed to then). */
  imageId: string;
  /** Volumes the engine named itself (image VOLUMEs, `-v /path`, or those envctl carried over at a recreate). */
  anonymousVolumes?: AnonymousVolume[];
  /** Where the engine itself put things into the container's filesystem: never the user's work. */
  enginePaths?: EnginePaths;
}


/**
 * Paths the engine creates in a container's own layer by itself (`docker diff` lists them on an untouched container).
 * `mounts`: mount points (binds, volumes, tmpfs, devices outside /dev, /sbin/docker-init with init) — the engine's
 * placeholder and everything below it are not in the layer's data. `dirs`: directories it creates empty when the
 * image lacks them (the working dir) — they count as soon as something is in them.
 */
export interface EnginePaths {
  mounts: string[];
  dirs: string[];
}

/** The parts of an image config that a container inherits when the spec leaves a field out, and what names it. */
export interface ImageInfo extends ImageDefaults {
  id: string;
  /** Reference the image was looked up by. */
  ref: string;
  /** "repo@sha256:…" of each registry the image was pulled from or pushed to; absent = none known. */
  repoDigests?: string[];
}

/** `docker build` of one environment's image (the classic builder, from a context folder). */
export interface BuildRequest {
  /** The reference to tag the result with. */
  tag: string;
  /** Absolute path of the context folder. */
  context: string;
  /** What is sent, in this order (already filtered by .dockerignore), from the one walk of the context. */
  entries: BuildContextEntry[];
  /** The Dockerfile's path in the sent context. */
  dockerfile: string;
  args: Record<string, string>;
  target: string | null;
  labels: Record<string, string>;
}

/** How a build reports and stops: build output lines, bytes of the context sent, and Ctrl-C. */
export interface BuildOptions {
  onProgress?: (line: string) => void;
  onUpload?: (sent: TransferProgress) => void;
  signal?: AbortSignal;
}

/** One file of a build context as the build sends it (a regular file or a symlink). */
export interface BuildContextEntry {
  /** Relative to the context, '/'-separated. */
  path: string;
  /** Bytes sent: the file's size when the context was read, or content's length. */
  size: number;
  /** Permission bits. */
  mode: number;
  mtimeMs: number;
  /** A symlink's target; null for a regular file. */
  linkTarget: string | null;
  /** Sent instead of the file's bytes (a Dockerfile from outside the context, the .dockerignore naming it). */
  content?: Buffer;
}

export interface ObservedVolume {
  name: string;
  driver: string;
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
  /** The envctl project that made it (label); null for one made otherwise; absent where not read. */
  project?: string | null;
}

/** Fields `docker update` changes on a live container (same container ID): the in-place fields' patches. */
export type { UpdatePatch };

export interface CreateContainerRequest {
  env: CanonicalEnv;
  image: ImageInfo;
  /** Name to create under (the final name, or a temporary one during recreate). */
  name: string;
  specHash: string;
  /** Names of the environment variables whose values are secrets, for the dev.envctl.sensitive label (names only). */
  sensitive?: readonly string[];
  /** Anonymous volumes of the container being replaced, mounted at the same targets (a recreate keeps their data). */
  carry?: AnonymousVolume[];
}

/** One entry of `GET /containers/{id}/changes`: a path in the container's own (writable) layer. */
export interface ContainerChange {
  path: string;
  kind: 'changed' | 'added' | 'deleted';
}

export interface CommitRequest {
  /** Image repository and tag to commit to, e.g. envctl/lab-alice:snapshot-20250101-120000. */
  repo: string;
  tag: string;
  /** Added to the image's labels (the container's own labels carry over as with `docker commit`). */
  labels: Record<string, string>;
  message: string;
}

/** The labels of an engine-side lock (a created, never started, container); null when nobody holds it. */
export interface LockRecord {
  id: string;
  labels: Record<string, string>;
}

/** A host port a running container publishes, as the list of every container on the engine gives it. */
export interface PublishedPort {
  /** '0.0.0.0' or '::' = every interface. */
  hostIp: string;
  port: number;
  protocol: string;
  containerId: string;
  containerName: string;
  /** The envctl project that owns the container; null for a container envctl did not make. */
  project: string | null;
}

/** What the one list call of a project finds: its environments' containers, its lock when one is held, its services marker. */
export interface ProjectListing {
  containerIds: string[];
  lock: LockRecord | null;
  /** The never-started container that says the project has Swarm services (engine/project-calls.ts); null when none. */
  servicesMarker: ServicesMarker | null;
}

export interface ServicesMarker {
  id: string;
  name: string;
}

/** A container engine, and (when it is a swarm manager) a service engine: swarm-engine.ts. */
export interface Engine extends SwarmCalls {
  /** Where the engine is, for messages ("unix:///var/run/docker.sock"). */
  readonly endpoint: string;
  ping(): Promise<void>;
  /** ONE list call: every container (any state) labelled with this project. Returns ids. */
  listProjectContainers(project: string): Promise<string[]>;
  /** The same ONE list call, also returning the project's lock (labels included, no extra call). */
  listProject(project: string): Promise<ProjectListing>;
  /** ONE list call of every running container on the engine (any project, or none) with the host ports it publishes. */
  listPublishedPorts(): Promise<PublishedPort[]>;
  /** Inspect by id or name; null when there is none. */
  inspectContainer(idOrName: string): Promise<ObservedContainer | null>;
  inspectImage(ref: string): Promise<ImageInfo | null>;
  /** `signal` aborts the request (Ctrl-C): the engine stops the pull. */
  pullImage(ref: string, onProgress?: (line: string) => void, signal?: AbortSignal): Promise<void>;
  /** The digest the registry serves for this reference now (`GET /distribution/{ref}/json`); asks the registry. */
  registryDigest(ref: string): Promise<string>;
  /**
   * Builds and tags an image; returns its id. A failing build step rejects with the build's own message. The context
   * is streamed (memory bounded whatever its size); onUpload says how much of it was sent; `signal` aborts the
   * request (Ctrl-C): the engine stops the build and tags nothing.
   */
  buildImage(req: BuildRequest, options?: BuildOptions): Promise<string>;
  createContainer(req: CreateContainerRequest): Promise<string>;
  startContainer(id: string): Promise<void>;
  stopContainer(id: string): Promise<void>;
  pauseContainer(id: string): Promise<void>;
  unpauseContainer(id: string): Promise<void>;
  updateContainer(id: string, patch: UpdatePatch): Promise<void>;
  renameContainer(id: string, newName: string): Promise<void>;
  /** Removes the container; never its named volumes. */
  removeContainer(id: string): Promise<void>;
  inspectVolume(name: string): Promise<ObservedVolume | null>;
  createVolume(volume: CanonicalVolume, project: string): Promise<void>;
  /** Volumes labelled with this project (for destroy --volumes and status). */
  listProjectVolumes(project: string): Promise<ObservedVolume[]>;
  removeVolume(name: string): Promise<void>;
  /** What the container changed in its own layer (`docker diff`); [] when the container is gone. */
  containerChanges(id: string): Promise<ContainerChange[]>;
  /** `docker commit` (the container is paused meanwhile); returns the image id. */
  commitContainer(id: string, req: CommitRequest): Promise<string>;
  /** Atomically creates the lock named `name` with these labels: false when someone already holds it. */
  createLock(name: string, labels: Record<string, string>): Promise<boolean>;
  readLock(name: string): Promise<LockRecord | null>;
  /** Removes the lock only if it is still the one with this id (a lock taken over meanwhile stays). */
  removeLock(id: string): Promise<void>;
  /** Creates the project's services marker (a never-started container with the project label); one there already is fine. */
  createServicesMarker(name: string, project: string): Promise<void>;
  /** Removes it (forced; gone already is fine). */
  removeServicesMarker(id: string): Promise<void>;
}
