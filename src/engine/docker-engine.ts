// The engine adapter over dockerode: every request it sends checked (unsafe paths), counted and time-limited, and the
// calls, written by concern in the *-calls.ts files beside this one, put together behind envctl's own interfaces.
import type Docker from 'dockerode';
import type { GpuProbe } from './gpu-probe.js';
import { containerFileCalls } from './container-file-calls.js';
import type { ContainerFiles } from './container-files.js';
import { containerCalls } from './container-calls.js';
import { containerLayerCalls } from './container-layer-calls.js';
import { countRequests, type RequestStats } from './count-requests.js';
import type { Engine } from './engine.js';
import { EngineClient } from './engine-client.js';
import { DEFAULT_ENGINE_TIMEOUT_MS } from './engine-timeout.js';
import { gpuProbeCalls } from './gpu-engine-calls.js';
import { guardEngineRequests } from './guard-engine-requests.js';
import type { ImageArchive } from './image-archive.js';
import { imageArchiveCalls } from './image-archive-calls.js';
import { imageCalls } from './image-calls.js';
import { projectCalls } from './project-calls.js';
import { refuseUnsafePaths } from './refuse-unsafe-paths.js';
import { swarmCalls } from './swarm-calls.js';
import { volumeCalls } from './volume-calls.js';

export interface DockerEngine extends Engine, ImageArchive, ContainerFiles, GpuProbe {
  /** Real HTTP requests sent since creation (or the last resetStats), by operation ('container.list', …). */
  stats(): RequestStats;
  resetStats(): void;
}

type DialingModem = Parameters<typeof refuseUnsafePaths>[0] & Parameters<typeof countRequests>[0] & Parameters<typeof guardEngineRequests>[0];

/** `timeoutMs`: how long the engine may stay silent (engine-timeout.ts); 0 = wait forever. */
export function dockerEngine(docker: Docker, endpoint: string, timeoutMs = DEFAULT_ENGINE_TIMEOUT_MS): DockerEngine {
  // Each wraps modem.dial, the one door every request goes through: the guard outermost, the path check innermost.
  const modem = docker.modem as unknown as DialingModem;
  refuseUnsafePaths(modem);
  const counter = countRequests(modem);
  const guard = guardEngineRequests(modem, timeoutMs, () => docker.ping().then(() => undefined));
  const client = new EngineClient(docker, endpoint);
  return {
    endpoint,
    stats: counter.stats,
    resetStats: counter.reset,
    async ping() {
      await client.call('ping', () => docker.ping());
    },
    ...projectCalls(client, guard),
    ...containerCalls(client),
    ...containerLayerCalls(client),
    ...imageCalls(client),
    ...volumeCalls(client),
    ...containerFileCalls(client),
    ...imageArchiveCalls(client),
    ...gpuProbeCalls(client),
    ...swarmCalls(client),
  };
}
