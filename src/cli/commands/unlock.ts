// `envctl unlock`: remove the project's engine-side lock, saying whose it was (on every engine of the spec).
import { describePart, isSingleDefault, partsOf } from '../../app/engine-parts.js';
import { loadDesired } from '../../app/run-plan.js';
import { describeHolder, lockName, readHolder } from '../../apply/lock/project-lock.js';
import { connectTo } from '../../engine/connect-engine.js';
import { printJson, type GlobalOptions } from '../output.js';

export async function runUnlockCommand(g: GlobalOptions, opts: { project?: string; json: boolean }): Promise<number> {
  // With --project there is no spec to name other engines: the default one (DOCKER_HOST) alone.
  const desired = opts.project === undefined ? await loadDesired({ file: g.file, displayPath: g.file }) : null;
  const project = opts.project ?? desired!.project;
  const parts = partsOf(desired, project);
  const single = isSingleDefault(parts);
  const results = [];
  for (const part of parts) {
    const engine = connectTo(part.dockerHost);
    const where = single ? '' : ` on ${describePart(part)}`;
    const record = await engine.readLock(lockName(project));
    if (record === null) {
      results.push({ host: part.host, removed: false });
      if (!opts.json) process.stdout.write(`Project "${project}" is not locked${where}.\n`);
      continue;
    }
    const holder = readHolder(record);
    await engine.removeLock(record.id);
    results.push({ host: part.host, removed: true, holder });
    if (!opts.json) process.stdout.write(`Removed the lock of project "${project}"${where}, held by ${describeHolder(holder)}.\n`);
  }
  if (opts.json) {
    if (single) {
      const { removed, holder } = results[0]! as { removed: boolean; holder?: unknown };
      printJson({ project, removed, ...(holder === undefined ? {} : { holder }) });
    } else printJson({ project, engines: results });
  }
  return 0;
}
