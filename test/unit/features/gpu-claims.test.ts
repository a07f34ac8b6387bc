// GPU accounting counts the old nvidia-docker way too: under runtime nvidia, NVIDIA_VISIBLE_DEVICES claims GPUs.
import { describe, expect, test } from 'vitest';
import { gpuOverlapWarnings, specGpuWarnings } from '../../../src/plan/gpu-claims.js';
import { buildGpuUsage } from '../../../src/features/gpu/list-gpu-usage.js';
import type { GpuClaimContainer } from '../../../src/engine/gpu-probe.js';
import { visibleDevicesOf, visibleDevicesRequest } from '../../../src/fields/values/visible-devices.js';
import { makeEnv } from '../plan/build-state.js';

const gpus = (deviceIds: string[]) => [{ driver: '', count: 0, deviceIds, capabilities: ['gpu'] }];

describe('NVIDIA_VISIBLE_DEVICES', () => {
  test('all, a list of indexes or UUIDs claim GPUs; none, void and empty claim none', () => {
    expect(visibleDevicesRequest('all')).toEqual({ driver: '', count: -1, deviceIds: [], capabilities: ['gpu'] });
    expect(visibleDevicesRequest(' 1, 2 ')?.deviceIds).toEqual(['1', '2']);
    expect(visibleDevicesRequest('GPU-3c5a1e2b-0000-1111-2222-333344445555,0')?.deviceIds).toEqual(['GPU-3c5a1e2b-0000-1111-2222-333344445555', '0']);
    for (const nothing of ['none', 'void', '', ' , ']) expect(visibleDevicesRequest(nothing), nothing).toBeNull();
  });

  test('counts only under the nvidia runtime (runc ignores it, e.g. the ENV of a CUDA image)', () => {
    expect(visibleDevicesOf('nvidia', '1,2')).toBe('1,2');
    expect(visibleDevicesOf('runc', '1,2')).toBeNull();
    expect(visibleDevicesOf('nvidia', 'none')).toBeNull();
    expect(visibleDevicesOf('nvidia', undefined)).toBeNull();
  });

  test("the plan warns when a created environment's GPUs meet one claimed through the variable", () => {
    const old = makeEnv('old', { runtime: 'nvidia', environment: { NVIDIA_VISIBLE_DEVICES: '1,2' } });
    const fresh = makeEnv('fresh', { gpus: gpus(['2']) });
    const quiet = makeEnv('quiet', { runtime: 'nvidia', environment: { NVIDIA_VISIBLE_DEVICES: 'void' } });
    const runc = makeEnv('runc', { environment: { NVIDIA_VISIBLE_DEVICES: 'all' } });
    expect(specGpuWarnings([old, fresh, quiet, runc], [fresh])).toEqual([
      'env:fresh (gpus [2]) and env:old (NVIDIA_VISIBLE_DEVICES=1,2) both claim GPU 2',
    ]);
    expect(gpuOverlapWarnings([{ who: 'a', gpus: gpus(['0']), visibleDevices: 'all' }, { who: 'b', gpus: gpus(['3']) }])).toEqual([
      'a (gpus [0]; NVIDIA_VISIBLE_DEVICES=all) and b (gpus [3]) both claim the same GPUs',
    ]);
  });

  test('`envctl gpus` lists containers that claim GPUs through the variable, UUIDs on their index when nvidia-smi knows it', () => {
    const container = (name: string, extra: Partial<GpuClaimContainer>): GpuClaimContainer => ({
      id: name, name, project: null, envName: null, status: 'running', gpus: [], runtime: 'runc', visibleDevices: null, ...extra,
    });
    const usage = buildGpuUsage(
      [
        container('by-hand', { runtime: 'nvidia', visibleDevices: 'GPU-b,0' }),
        container('cuda-image', { visibleDevices: 'all' }),
        container('modern', { gpus: gpus(['1']) }),
      ],
      [
        { index: '0', uuid: 'GPU-a', name: 'A100', utilizationPercent: 0, memoryUsedMiB: 0, memoryTotalMiB: 1 },
        { index: '1', uuid: 'GPU-b', name: 'A100', utilizationPercent: 0, memoryUsedMiB: 0, memoryTotalMiB: 1 },
      ],
    );
    expect(usage.rows.map((r) => [r.gpu, r.users.map((u) => `${u.container}: ${u.claim}`)])).toEqual([
      ['0', ['by-hand: NVIDIA_VISIBLE_DEVICES=GPU-b,0']],
      ['1', ['by-hand: NVIDIA_VISIBLE_DEVICES=GPU-b,0', 'modern: gpus [1]']],
    ]);
    expect(usage.warnings).toEqual(['by-hand (NVIDIA_VISIBLE_DEVICES=GPU-b,0) and modern (gpus [1]) both claim GPU 1']);
  });
});
