// examples/swarm-lab.yaml, as README's Swarm section describes it: a GPU training service placed by a NVIDIA-GPU
// generic-resource reservation, and a replicated notebook service publishing in mode host with DNS round robin.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../../src/spec/load-spec.js';

const file = fileURLToPath(new URL('../../../examples/swarm-lab.yaml', import.meta.url));

describe('examples/swarm-lab.yaml', () => {
  it('is two services: GPU training by reservation, a replicated notebook on host-mode ports with dnsrr', async () => {
    const state = await loadSpec(file, { environ: {}, displayPath: 'examples/swarm-lab.yaml' });
    const [train, notebook] = ['train', 'notebook'].map((name) => state.environments.find((e) => e.name === name));
    expect(train?.deploy).toMatchObject({
      mode: 'replicated',
      replicas: 1,
      constraints: ['node.labels.gpu == true'],
      reservations: { genericResources: [{ kind: 'NVIDIA-GPU', value: 1 }] },
      restartPolicy: { condition: 'on-failure', maxAttempts: 3 },
    });
    // shm_size on a service: a tmpfs on /dev/shm of that size.
    expect(train?.shmSizeBytes).toBe(16 * 1024 ** 3);
    expect(notebook?.deploy).toMatchObject({ mode: 'replicated', replicas: 2, endpointMode: 'dnsrr', maxReplicasPerNode: 1, preferences: ['node.labels.rack'] });
    expect(notebook?.deploy?.updateConfig).toMatchObject({ order: 'stop-first', failureAction: 'rollback' });
    expect(notebook?.ports).toStrictEqual([expect.objectContaining({ target: 8888, published: 8888, mode: 'host' })]);
  });
});
