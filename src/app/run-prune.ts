// Use-case behind `envctl prune`: under the project's lock, list what envctl made that may go (find-prunable), keep
// stopped orphans that hold work in their own layer (the data-safety rule of apply and destroy), let the caller show
// the list and decide, then remove — containers first, then images — and count the space freed.
import type { Engine } from '../engine/engine.js';
import type { DiskUsage } from '../engine/disk-usage.js';
import { acquireProjectLock, type LockOptions } from '../apply/lock/project-lock.js';
import { throwIfInterrupted } from '../errors/interrupted.js';
import { toEnvctlError } from '../engine/engine-errors.js';
import { findPrunable, type PruneItem, type PruneList, type PruneRules } from '../features/disk/find-prunable.js';
import { readOwnLayer } from '../features/snapshot/read-own-layer.js';
import { significantChanges } from '../plan/significant-changes.js';
import { DEFAULT_ENV_POLICY } from '../spec/env-policy.js';

export interface PruneOptions {
  project: string;
  rules: PruneRules;
  /** Sees the list; resolves true to remove it, or throws (refused, declined). Not called for an empty list. */
  decide: (list: PruneList) => Promise<boolean>;
  lock?: LockOptions;
  signal?: AbortSignal;
}

export interface PruneOutcome {
  list: PruneList;
  removed: PruneItem[];
  failed: { item: PruneItem; message: string }[];
  freedBytes: number;
}

/** Stopped orphans whose own layer holds work are kept, like destroy keeps them without --discard-changes. */
async function keepOrphansWithWork(engine: Engine, list: PruneList): Promise<PruneList> {
  const remove: PruneItem[] = [];
  const kept = [...list.kept];
  for (const item of list.remove) {
    const container = item.kind === 'orphan' ? await engine.inspectContainer(item.id) : null;
    if (container !== null) {
      const { changes, enginePaths } = await readOwnLayer(engine, container);
      const n = significantChanges(changes, DEFAULT_ENV_POLICY.ignoreChanges, enginePaths).length;
      if (n > 0) {
        kept.push({ kind: 'orphan', what: item.what, env: item.env, reason: `${n} changed path(s) in its own layer: \`docker commit\` it, or \`envctl destroy --discard-changes\`` });
        continue;
      }
    }
    remove.push(item);
  }
  return { remove, kept };
}

export async function runPrune(engine: Engine & DiskUsage, options: PruneOptions): Promise<PruneOutcome> {
  const held = options.lock ? await acquireProjectLock(engine, options.project, { ...options.lock, ...(options.signal ? { signal: options.signal } : {}) }) : null;
  try {
    const report = await engine.diskUsage();
    const list = await keepOrphansWithWork(engine, findPrunable(report, options.project, options.rules));
    const outcome: PruneOutcome = { list, removed: [], failed: [], freedBytes: 0 };
    if (list.remove.length === 0 || !(await options.decide(list))) return outcome;
    // Containers first: an image a removed container used can then go too.
    const ordered = [...list.remove.filter((i) => i.kind === 'orphan'), ...list.remove.filter((i) => i.kind !== 'orphan')];
    for (const item of ordered) {
      throwIfInterrupted(options.signal, 'prune');
      try {
        for (const target of item.targets) {
          if (item.kind === 'orphan') await engine.removeContainer(target);
          else await engine.removeImage(target);
        }
        outcome.removed.push(item);
        outcome.freedBytes += item.bytes;
      } catch (err) {
        outcome.failed.push({ item, message: toEnvctlError(err, { endpoint: engine.endpoint, doing: `remove ${item.what}` }).message });
      }
    }
    return outcome;
  } finally {
    await held?.release().catch(() => undefined);
  }
}
