// Engine calls behind the GPU features (the GpuProbe interface: runtimes, support probe, who claims which GPU).
import { randomHex } from '../base/random-hex.js';
import type Docker from 'dockerode';
import type { GpuRequest } from '../fields/canonical-env.js';
import type { GpuClaimContainer, GpuProbe } from './gpu-probe.js';
import { compareStrings } from '../base/compare-strings.js';
import { orNull, type EngineClient } from './engine-client.js';
import { engineMessage } from './engine-errors.js';
import { LABEL_ENV, LABEL_PROJECT, LABEL_ROLE } from './labels.js';
import type { ContainerInspectJson } from '../fields/container-json.js';
import { gpus as gpusField } from '../fields/table/gpus.js';
import { runtime as runtimeField } from '../fields/table/runtime.js';

/** Does not exist in any image: the start gets past the device setup (where GPU support fails) and stops at exec. */
const PROBE_ENTRYPOINT = '/.envctl-gpu-probe-never-runs';

export function gpuProbeCalls(client: EngineClient): GpuProbe {
  const { docker } = client;
  return {
    async engineRuntimes() {
      const info = await client.call('read engine info', () => docker.info() as Promise<{ Runtimes?: Record<string, unknown> }>);
      return Object.keys(info.Runtimes ?? {}).sort();
    },
    probeGpuRequest(gpu, image) {
      return client.call('check GPU support', () => probeGpuRequest(docker, gpu, image));
    },
    listGpuContainers() {
      return client.call('list containers with GPUs', () => listGpuContainers(docker));
    },
  };
}

async function probeImage(docker: Docker, preferred: string): Promise<string | null> {
  if ((await orNull(() => docker.getImage(preferred).inspect())) !== null) return preferred;
  // Any local image will do: nothing from it runs.
  const images = await docker.listImages();
  return images[0]?.Id ?? null;
}

async function probeGpuRequest(docker: Docker, gpu: GpuRequest, preferredImage: string): Promise<string | null | 'no-image'> {
  const image = await probeImage(docker, preferredImage);
  if (image === null) return 'no-image';
  const container = await docker.createContainer({
    name: `envctl-gpu-probe-${randomHex(6)}`,
    Image: image,
    Entrypoint: [PROBE_ENTRYPOINT],
    Cmd: [],
    Labels: { [LABEL_ROLE]: 'gpu-probe' },
    HostConfig: {
      NetworkMode: 'none',
      DeviceRequests: [{ Driver: gpu.driver, Count: gpu.count, DeviceIDs: [...gpu.deviceIds], Capabilities: [[...gpu.capabilities]], Options: {} }],
    },
  });
  try {
    await container.start();
    return null;
  } catch (err) {
    // Only an answer of the engine says something about GPU support; no answer (a timeout, a lost connection) is a failure.
    if (typeof (err as { statusCode?: unknown }).statusCode !== 'number') throw err;
    const message = engineMessage(err);
    // Exec of the missing entrypoint failing means the GPU part was already set up: supported.
    return /could not select device driver/i.test(message) ? message : null;
  } finally {
    await container.remove({ force: true, v: true }).catch(() => undefined);
  }
}

async function listGpuContainers(docker: Docker): Promise<GpuClaimContainer[]> {
  const list = await docker.listContainers({ all: true });
  const inspected = await Promise.all(list.map((c) => orNull(() => docker.getContainer(c.Id).inspect())));
  const out: GpuClaimContainer[] = [];
  for (const info of inspected) {
    if (info === null) continue;
    const inspect = info as unknown as ContainerInspectJson;
    const gpus = gpusField.container.observe(inspect, { inherited: null });
    const runtime = runtimeField.container.observe(inspect, { inherited: null });
    const visible = (info.Config?.Env ?? []).find((e) => e.startsWith('NVIDIA_VISIBLE_DEVICES='));
    if (gpus.length === 0 && visible === undefined) continue;
    const labels = info.Config?.Labels ?? {};
    out.push({
      id: info.Id,
      name: info.Name.replace(/^\//, ''),
      project: labels[LABEL_PROJECT] ?? null,
      envName: labels[LABEL_ENV] ?? null,
      status: info.State?.Status ?? '',
      gpus,
      runtime,
      visibleDevices: visible === undefined ? null : visible.slice(visible.indexOf('=') + 1),
    });
  }
  return out.sort((a, b) => compareStrings(a.name, b.name));
}
