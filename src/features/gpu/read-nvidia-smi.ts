// GPU list and utilisation from `nvidia-smi` when the host has it; null when it does not.
import { execa } from 'execa';

export interface GpuStats {
  index: string;
  uuid: string;
  name: string;
  utilizationPercent: number | null;
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
}

const QUERY = 'index,uuid,name,utilization.gpu,memory.used,memory.total';

const num = (text: string | undefined): number | null => {
  const n = Number((text ?? '').trim());
  return text === undefined || text.trim() === '' || Number.isNaN(n) ? null : n;
};

/** Parses `--format=csv,noheader,nounits` output ("0, GPU-…, NVIDIA A100, 37, 1024, 40960"). */
function parseNvidiaSmi(csv: string): GpuStats[] {
  return csv
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [index = '', uuid = '', name = '', util, used, total] = line.split(',').map((s) => s.trim());
      return { index, uuid, name, utilizationPercent: num(util), memoryUsedMiB: num(used), memoryTotalMiB: num(total) };
    });
}

export async function readNvidiaSmi(bin = 'nvidia-smi'): Promise<GpuStats[] | null> {
  const r = await execa(bin, [`--query-gpu=${QUERY}`, '--format=csv,noheader,nounits'], { reject: false, timeout: 10_000 });
  // Not installed (ENOENT) or no driver loaded: either way there are no numbers to show.
  if (r.failed) return null;
  return parseNvidiaSmi(String(r.stdout));
}
