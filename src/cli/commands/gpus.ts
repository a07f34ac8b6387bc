// `envctl gpus`: which environments and containers claim which GPU on this engine, with utilisation from nvidia-smi.
import { connectEngine } from '../../engine/connect-engine.js';
import { formatGpuUsage } from '../../features/gpu/format-gpu-usage.js';
import { listGpuUsage } from '../../features/gpu/list-gpu-usage.js';
import { printJson } from '../output.js';

export async function runGpusCommand(opts: { json: boolean }): Promise<number> {
  const usage = await listGpuUsage(connectEngine);
  if (opts.json) printJson(usage);
  else process.stdout.write(`${formatGpuUsage(usage)}\n`);
  return 0;
}
