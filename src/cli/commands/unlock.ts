// `envctl unlock`: remove the project's engine-side lock, saying whose it was.
import { loadDesired } from '../../app/run-plan.js';
import { describeHolder, lockName, readHolder } from '../../apply/lock/project-lock.js';
import { connectEngine } from '../../engine/connect-engine.js';
import { printJson, type GlobalOptions } from '../output.js';

export async function runUnlockCommand(g: GlobalOptions, opts: { project?: string; json: boolean }): Promise<number> {
  const project = opts.project ?? (await loadDesired({ file: g.file, displayPath: g.file })).project;
  const engine = connectEngine();
  const record = await engine.readLock(lockName(project));
  if (record === null) {
    if (opts.json) printJson({ project, removed: false });
    else process.stdout.write(`Project "${project}" is not locked.\n`);
    return 0;
  }
  const holder = readHolder(record);
  await engine.removeLock(record.id);
  if (opts.json) printJson({ project, removed: true, holder });
  else process.stdout.write(`Removed the lock of project "${project}", held by ${describeHolder(holder)}.\n`);
  return 0;
}
