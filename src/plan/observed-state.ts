// What the planner knows about the engine: the project's containers plus the few names, images and volumes looked up.
import type { ContainerChange, ObservedContainer, ObservedVolume, PublishedPort } from '../engine/engine.js';
import type { ObservedNetwork, ObservedService, ServicesMarker } from '../engine/engine.js';

export interface ObservedState {
  project: string;
  /** Every container labelled with the project (any state). */
  containers: ObservedContainer[];
  /** Wanted container names held by containers NOT owned by this project. */
  foreignNames: Record<string, { id: string; project: string | null }>;
  /** Image ref → present locally (only refs that were looked up). */
  images: Record<string, boolean>;
  /** Volume name → observed (null = missing); only looked-up ones. */
  volumes: Record<string, ObservedVolume | null>;
  /** Container id → own-layer changes; read only for containers a first plan would recreate or remove. */
  ownLayerChanges?: Record<string, ContainerChange[]>;
  /** Env name → what was found of its image, for envs that build their image or pull it `always`. */
  imageStates?: Record<string, ImageState>;
  /** Bind-mount sources of the spec that do not exist on the engine's machine; absent = not checkable from here. */
  missingBindSources?: string[];
  /**
   * Host ports already held, read only when the plan starts a container that publishes ports: those every running
   * container on the engine publishes (any project), and, when the engine is on this machine, its listening sockets.
   */
  heldPorts?: { published: PublishedPort[]; listeners: PortListener[] };
  /** The project's Swarm services (one list call); absent when the spec has none and none were looked for. */
  services?: ObservedService[];
  /** The project's overlay network: null = looked up and missing; absent = not looked up (no service to create). */
  network?: ObservedNetwork | null;
  /** The project's services marker from the container list: null = none; absent = not read (a plan fixture). */
  servicesMarker?: ServicesMarker | null;
  /** What the services' tasks say that no config shows (tasks not running, moved off a node that went down). */
  serviceWarnings?: string[];
  /**
   * How it is known that this machine's kernel has no IPVS (features/ipvs): set only when the swarm manager is on this
   * machine, a service needs IPVS, and that is certain; absent = it has IPVS, or it cannot be told from here.
   */
  ipvsMissing?: string;
}

/** A socket of the engine's machine bound to a host port, and who holds it ("python3 (pid 1234)"). */
export interface PortListener {
  hostIp: string;
  port: number;
  protocol: string;
  holder: string;
}

/**
 * build: `imageId` is the local image under the env's reference whose build-hash label equals `hash` (the context as
 * it is now), null when there is none (it must be built). always: `current` says the local image has the digest the
 * registry serves now; `imageId` is the local image, null when absent.
 */
export type ImageState =
  | { kind: 'build'; hash: string; imageId: string | null }
  | { kind: 'always'; digest: string; current: boolean; imageId: string | null };

/**
 * A volume is missing only when it was looked up and not found, and no container of the project mounts it:
 * a mounted volume exists by definition, and a volume nobody looked up was not needed by the gatherer.
 */
export function isVolumeMissing(observed: ObservedState, name: string): boolean {
  if (observed.volumes[name] !== null) return false;
  return !observed.containers.some((c) =>
    c.config.mounts.some((m) => m.type === 'volume' && m.source === name),
  );
}
