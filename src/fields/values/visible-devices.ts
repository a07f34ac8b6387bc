// The old nvidia-docker way to take GPUs, still in many lab notes: `docker run --runtime nvidia -e
// NVIDIA_VISIBLE_DEVICES=1,2 …`. The nvidia runtime hands the container the GPUs that variable names, with no device
// request, so GPU accounting reads it too. Pure.
import type { GpuRequest } from '../canonical-env.js';

export const VISIBLE_DEVICES = 'NVIDIA_VISIBLE_DEVICES';

/** The variable's value when it gives the container GPUs: only under the nvidia runtime (runc ignores it). */
export function visibleDevicesOf(runtime: string, value: string | null | undefined): string | null {
  if (runtime !== 'nvidia' || value === null || value === undefined) return null;
  return visibleDevicesRequest(value) === null ? null : value.trim();
}

/**
 * The GPUs the value names, as the device request `--gpus` would make: `all`; a list of indexes or UUIDs ("0,1",
 * "GPU-3c5…"); nothing for `none` (driver only), `void` or empty (as if unset).
 */
export function visibleDevicesRequest(value: string): GpuRequest | null {
  const text = value.trim();
  if (text === '' || text === 'none' || text === 'void') return null;
  if (text === 'all') return { driver: '', count: -1, deviceIds: [], capabilities: ['gpu'] };
  const ids = text.split(',').map((id) => id.trim()).filter((id) => id !== '');
  return ids.length === 0 ? null : { driver: '', count: 0, deviceIds: ids, capabilities: ['gpu'] };
}
