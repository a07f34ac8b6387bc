// `envctl prune`: lists what envctl made for the project that may go, asks (or --yes; refuses without a terminal),
// removes it and says the space freed. On every engine of the spec, one after the other.
import { loadSpecFor } from '../load-spec-for.js';
import { partsOf, describePart, isSingleDefault } from '../../app/engine-parts.js';
import { runPrune, type PruneOutcome } from '../../app/run-prune.js';
import { connectTo } from '../../engine/connect-engine.js';
import { EnvctlError, EXIT_CODES } from '../../errors/envctl-error.js';
import type { PruneList } from '../../features/disk/find-prunable.js';
import { errorToJson } from '../format-error.js';
import { formatBytes } from '../format-bytes.js';
import { cliLockOptions } from '../lock-options.js';
import { printJson, terminalConfirm, type GlobalOptions } from '../output.js';
import { parseAge, parseKeep } from '../parse-prune-rules.js';

export interface PruneCommandOptions {
  keep?: string;
  olderThan?: string;
  yes: boolean;
  json: boolean;
  project?: string;
  lockTimeout?: string;
}

const KIND: Record<string, string> = { orphan: 'stopped container of a removed environment', snapshot: 'snapshot', build: 'image left by a rebuild' };

function formatList(list: PruneList, header: string): string {
  const lines = [list.remove.length === 0 ? `${header}: nothing to prune.` : `${header} removes:`];
  for (const i of list.remove) lines.push(`  - ${KIND[i.kind]} ${i.what} (env ${i.env}): ${formatBytes(i.bytes)}`);
  if (list.kept.length > 0) lines.push('Kept:');
  for (const k of list.kept) lines.push(`  - ${KIND[k.kind]} ${k.what} (env ${k.env}): ${k.reason}`);
  return lines.join('\n');
}

const refused = (n: number): EnvctlError =>
  new EnvctlError('confirmation-required', `prune removes ${n} item(s) (listed above); nothing was removed`, {
    hint: 'review the list, then run again with --yes',
  });

export async function runPruneCommand(g: GlobalOptions, opts: PruneCommandOptions): Promise<number> {
  const rules = { ...parseKeep(opts.keep), ...parseAge(opts.olderThan, new Date()) };
  const desired = opts.project === undefined ? await loadSpecFor(g) : null;
  const project = opts.project ?? desired!.project;
  const parts = partsOf(desired, project);
  const single = isSingleDefault(parts);
  const outcomes: (PruneOutcome & { host?: string })[] = [];
  const confirm = opts.json ? null : terminalConfirm(g);
  for (const part of parts) {
    const header = single ? `Prune of project ${project}` : `Prune of project ${project} on ${describePart(part)}`;
    let refusedList: PruneList | null = null;
    const outcome = await runPrune(connectTo(part.dockerHost), {
      project,
      rules: { ...rules, specEnvs: desired === null ? null : part.desired.environments.map((e) => e.name) },
      lock: cliLockOptions('prune', opts.lockTimeout),
      signal: g.signal,
      decide: async (list) => {
        if (!opts.json) process.stdout.write(`${formatList(list, header)}\n`);
        if (opts.yes) return true;
        if (confirm === null) {
          refusedList = list;
          return false;
        }
        if (!(await confirm(`Remove these ${list.remove.length} item(s)? [y/N] `))) throw new EnvctlError('declined', 'prune cancelled; nothing was removed');
        return true;
      },
    });
    if (refusedList !== null) {
      const error = refused((refusedList as PruneList).remove.length);
      if (!opts.json) throw error;
      // Under --json the refusal carries the list it refers to.
      printJson({ ...(errorToJson(error) as object), project, ...(single ? {} : { host: part.host }), ...(refusedList as PruneList) });
      return EXIT_CODES['confirmation-required'];
    }
    if (!opts.json && outcome.list.remove.length === 0) process.stdout.write(`${formatList(outcome.list, header)}\n`);
    outcomes.push({ ...outcome, ...(single ? {} : { host: part.host ?? '(default)' }) });
  }
  const freed = outcomes.reduce((a, o) => a + o.freedBytes, 0);
  const failed = outcomes.flatMap((o) => o.failed);
  if (opts.json) {
    printJson({
      ok: failed.length === 0,
      project,
      freedBytes: freed,
      engines: outcomes.map((o) => ({ ...(o.host === undefined ? {} : { host: o.host }), remove: o.list.remove, kept: o.list.kept, removed: o.removed, failed: o.failed })),
    });
  } else {
    for (const f of failed) process.stderr.write(`envctl: error: ${f.message}\n`);
    const removed = outcomes.reduce((a, o) => a + o.removed.length, 0);
    if (removed > 0 || failed.length > 0) process.stdout.write(`Removed ${removed} item(s), freed ${formatBytes(freed)}${failed.length > 0 ? `; ${failed.length} failed` : ''}.\n`);
  }
  return failed.length === 0 ? 0 : 1;
}
