// `envctl unlock`: remove the project's engine-side lock, saying whose it was (on every engine of the spec) — but
// never the lock of an apply that may still be running, unless --force says so.
import { loadSpecFor } from '../load-spec-for.js';
import { describePart, isSingleDefault, partsOf } from '../../app/engine-parts.js';
import { describeHolder, heldFor, holderState, readHolder, type LockHolder } from '../../apply/lock/lock-holder.js';
import { lockName } from '../../apply/lock/project-lock.js';
import { connectTo } from '../../engine/connect-engine.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import { printResult, type GlobalOptions } from '../output.js';

/** Why the lock stays: its holder runs here, or ran on a machine envctl cannot look at. */
function refusal(project: string, where: string, holder: LockHolder, alive: boolean): EnvctlError {
  const held = heldFor(holder, new Date());
  const since = held === null ? '' : `, held for ${held}`;
  if (alive) {
    return new EnvctlError(
      'lock-held',
      `the lock of project "${project}"${where} is held by ${describeHolder(holder)}${since}, and that process is still running; it was not removed`,
      {
        hint: `wait for it, or stop it (Ctrl-C in its terminal, or \`kill ${holder.pid}\`: it releases the lock itself); \`envctl unlock --force\` removes the lock anyway, and two applies may then run at once`,
      },
    );
  }
  return new EnvctlError(
    'lock-held',
    `the lock of project "${project}"${where} is held by ${describeHolder(holder)}${since}, from another machine, where envctl cannot check whether that ${holder.command} still runs; it was not removed`,
    { hint: `if that ${holder.command} is gone for good (its machine crashed or lost the engine), run \`envctl unlock --force\`` },
  );
}

export async function runUnlockCommand(g: GlobalOptions, opts: { project?: string; json: boolean; force?: boolean }): Promise<number> {
  // With --project there is no spec to name other engines: the default one (DOCKER_HOST) alone.
  const desired = opts.project === undefined ? await loadSpecFor(g) : null;
  const project = opts.project ?? desired!.project;
  const parts = partsOf(desired, project);
  const single = isSingleDefault(parts);
  const results = [];
  const refused: EnvctlError[] = [];
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
    const state = holderState(holder);
    if (state !== 'dead' && opts.force !== true) {
      results.push({ host: part.host, removed: false, holder, holderState: state });
      refused.push(refusal(project, where, holder, state === 'alive'));
      continue;
    }
    await engine.removeLock(record.id);
    results.push({ host: part.host, removed: true, holder, holderState: state });
    if (!opts.json) {
      const why = state === 'dead' ? ' (that process is gone)' : ' (--force)';
      process.stdout.write(`Removed the lock of project "${project}"${where}, held by ${describeHolder(holder)}${why}.\n`);
    }
  }
  // A refusal is the command's answer: --json says it in the error, and the other engines' results are printed first.
  if (refused.length > 0) {
    if (!single && !opts.json) for (const error of refused.slice(1)) process.stderr.write(`envctl: ${error.message}\n`);
    throw refused[0]!;
  }
  if (opts.json) {
    if (single) {
      const { removed, holder } = results[0]! as { removed: boolean; holder?: unknown };
      printResult({ project, removed, ...(holder === undefined ? {} : { holder }) });
    } else printResult({ project, engines: results });
  }
  return 0;
}
