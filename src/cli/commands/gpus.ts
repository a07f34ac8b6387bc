// `envctl gpus`: which environments and containers claim which GPU on an engine, with utilisation from nvidia-smi.
import { connectTo } from '../../engine/connect-engine.js';
import { formatGpuUsage } from '../../features/gpu/format-gpu-usage.js';
import { listGpuUsage } from '../../features/gpu/list-gpu-usage.js';
import { hostAddress } from '../host-option.js';
import { printResult, type GlobalOptions } from '../output.js';

export async function runGpusCommand(g: GlobalOptions, opts: { host?: string; json: boolean }): Promise<number> {
  const address = await hostAddress(g, opts.host);
  // nvidia-smi runs here: its numbers describe this machine's GPUs, not another host's.
  const usage =
    address === null
      ? await listGpuUsage(() => connectTo(null))
      : { ...(await listGpuUsage(() => connectTo(address), async () => null)), statsNote: `nvidia-smi numbers are read on this machine only, not on ${opts.host}` };
  if (opts.json) printResult(usage);
  else process.stdout.write(`${formatGpuUsage(usage)}\n`);
  return 0;
}
