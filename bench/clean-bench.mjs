// Removes what one bench run made — and nothing else: containers carrying this run's label, the volumes and
// compose networks it named (all names start with the run's unique project names).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BENCH_LABEL } from './make-specs.mjs';

const run = promisify(execFile);

async function lines(args) {
  try {
    const { stdout } = await run('docker', args, { maxBuffer: 64 * 1024 * 1024 });
    return stdout.split('\n').map((s) => s.trim()).filter(Boolean);
  } catch {
    return [];
  }
}

async function quietly(args) {
  try {
    await run('docker', args, { maxBuffer: 64 * 1024 * 1024 });
  } catch {
    // already gone, or in use by a container another cleanup step removes
  }
}

/** `projects`: the per-tool project names of this run; every volume/network of ours starts with one of them. */
export async function cleanBench({ runId, projects }) {
  const ids = await lines(['ps', '-aq', '--filter', `label=${BENCH_LABEL}=${runId}`]);
  for (let i = 0; i < ids.length; i += 100) await quietly(['rm', '-f', ...ids.slice(i, i + 100)]);
  const ours = (name) => projects.some((p) => name.startsWith(`${p}-`) || name.startsWith(`${p}_`));
  const volumes = (await lines(['volume', 'ls', '-q'])).filter(ours);
  for (let i = 0; i < volumes.length; i += 100) await quietly(['volume', 'rm', '-f', ...volumes.slice(i, i + 100)]);
  const networks = (await lines(['network', 'ls', '--format', '{{.Name}}'])).filter(ours);
  if (networks.length > 0) await quietly(['network', 'rm', ...networks]);
}
