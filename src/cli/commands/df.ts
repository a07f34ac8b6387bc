// `envctl df`: the project's disk use per environment (image, own layer, volumes, snapshots, built images), on every
// engine of the spec, from one `/system/df` call per engine — the numbers `docker system df -v` prints.
import { loadSpecFor } from '../load-spec-for.js';
import { isSingleDefault, partsOf } from '../../app/engine-parts.js';
import { connectTo } from '../../engine/connect-engine.js';
import { summarizeDiskUse, totalsOf, type ProjectDiskUse } from '../../features/disk/summarize-disk-use.js';
import { formatDiskUse } from '../render/format-disk-use.js';
import { printJson, type GlobalOptions } from '../output.js';

export async function runDfCommand(g: GlobalOptions, opts: { json: boolean; project?: string }): Promise<number> {
  const desired = opts.project === undefined ? await loadSpecFor(g) : null;
  const project = opts.project ?? desired!.project;
  const parts = partsOf(desired, project);
  const use: ProjectDiskUse = { project, environments: [], unusedVolumes: [], totals: totalsOf([], []) };
  for (const part of parts) {
    const report = await connectTo(part.dockerHost).diskUsage();
    const one = summarizeDiskUse(report, project, part.desired.environments.map((e) => e.name));
    const host = isSingleDefault(parts) ? {} : { host: part.host ?? '(default)' };
    use.environments.push(...one.environments.map((e) => ({ ...e, ...host })));
    use.unusedVolumes.push(...one.unusedVolumes);
  }
  use.totals = totalsOf(use.environments, use.unusedVolumes);
  if (opts.json) printJson({ ok: true, ...use });
  else process.stdout.write(`${formatDiskUse(use)}\n`);
  return 0;
}
