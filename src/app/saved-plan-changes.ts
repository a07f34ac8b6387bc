// What changed since a saved plan was made, in plain words: the spec (which files, which environments), the project's
// containers (stopped by hand, removed, created, replaced), else the plan itself. Empty = the plan still holds.
import { stringifySorted } from '../base/stringify-sorted.js';
import type { Plan } from '../plan/plan-types.js';
import type { DesiredState } from '../spec/desired-state.js';
import { hashDesired, hashFile, recordContainers, type SavedContainer, type SavedSpec } from './saved-plan-record.js';

/** One engine's part of a saved plan, as far as the comparison reads it. */
export interface SavedEnginePart {
  containers: SavedContainer[];
  observedFingerprint: string;
  /** The plan as `plan --json` shows it: only the actions' identity and the steps are compared. */
  plan: { actions: { id: string; kind: string; resource: string; diff: unknown }[]; steps: unknown[] };
}

const SINCE = 'since the plan was made';

/** The spec's changes: one sentence naming the files (or "a file or variable it reads") and the environments. */
export function specChanges(saved: SavedSpec, desired: DesiredState): string[] {
  const now = hashDesired(desired, saved.salt);
  if (now.hash === saved.hash) return [];
  const files = saved.files.filter((f) => hashFile(absOf(saved, f.path), saved.salt) !== f.hash).map((f) => f.path);
  const names = new Set([...Object.keys(saved.environments), ...Object.keys(now.environments)]);
  const envs = [...names].sort().flatMap((name) => {
    const before = saved.environments[name];
    const after = now.environments[name];
    if (before === after) return [];
    return [before === undefined ? `env:${name} added` : after === undefined ? `env:${name} removed` : `env:${name} changed`];
  });
  const where = files.length > 0 ? files.join(', ') : 'a file or variable it reads';
  return [`the spec changed ${SINCE} (${where})${envs.length > 0 ? `: ${envs.join(', ')}` : ''}`];
}

/** The spec files are recorded by display path; their absolute paths are the source's, in the same order. */
function absOf(saved: SavedSpec, path: string): string {
  const i = saved.files.findIndex((f) => f.path === path);
  const given = [saved.source.file, ...saved.source.overrides];
  return given[i] ?? given[0]!;
}

/** The engine's changes (containers, then their config), else how the plan differs now. */
export function engineChanges(
  saved: SavedEnginePart,
  plan: Plan,
  containers: Parameters<typeof recordContainers>[0],
  hide: (text: string) => string = (text) => text,
): string[] {
  const now = recordContainers(containers);
  const changes = containerChanges(saved.containers, now);
  if (changes.length === 0 && plan.observedFingerprint !== saved.observedFingerprint) {
    changes.push(`the configuration of a container of the project changed ${SINCE}`);
  }
  if (changes.length > 0) return changes;
  return planChanges(saved.plan, plan, hide);
}

function containerChanges(before: readonly SavedContainer[], after: readonly SavedContainer[]): string[] {
  const out: string[] = [];
  const matched = new Set<SavedContainer>();
  for (const old of before) {
    const same = after.find((c) => c.id === old.id);
    if (same) {
      matched.add(same);
      if (same.status !== old.status) out.push(statusChange(old, same));
      continue;
    }
    const successor = after.find((c) => !matched.has(c) && c.name === old.name);
    if (successor) {
      matched.add(successor);
      out.push(`${old.resource} was replaced by a new container ${SINCE}`);
    } else {
      out.push(`${old.resource} was removed ${SINCE}`);
    }
  }
  for (const c of after) if (!matched.has(c)) out.push(`a container ${c.resource} was created ${SINCE}`);
  return out;
}

/** Exit codes of a stop: 0, or killed by SIGINT/SIGKILL/SIGTERM (128 + n). */
const STOPPED = new Set([0, 130, 137, 143]);

function statusChange(old: SavedContainer, now: SavedContainer): string {
  const was = (s: string): boolean => s === 'running' || s === 'restarting';
  if (was(old.status) && (now.status === 'exited' || now.status === 'dead')) {
    return STOPPED.has(now.exitCode) ? `${old.resource} was stopped by hand ${SINCE}` : `${old.resource} exited (code ${now.exitCode}) ${SINCE}`;
  }
  if (!was(old.status) && old.status !== 'paused' && now.status === 'running') return `${old.resource} was started by hand ${SINCE}`;
  if (now.status === 'paused') return `${old.resource} was paused ${SINCE}`;
  if (old.status === 'paused' && now.status === 'running') return `${old.resource} was unpaused ${SINCE}`;
  return `${old.resource} went from ${old.status} to ${now.status} ${SINCE}`;
}

/** Same containers, yet another plan (an image pulled or removed, a volume, a name taken): the actions that differ. */
function planChanges(saved: SavedEnginePart['plan'], plan: Plan, hide: (text: string) => string): string[] {
  // The saved file has the spec's secret values hidden: the fresh plan is compared with them hidden the same way.
  const key = (a: { id: string; kind: string; resource: string; diff: unknown }): string => hide(stringifySorted([a.id, a.kind, a.resource, a.diff]));
  const fresh = plan.actions.map((a) => ({ id: a.id, kind: a.kind, resource: a.resource, diff: a.diff.map(({ field, from, to }) => ({ field, from: hide(from), to: hide(to) })) }));
  const before = new Set(saved.actions.map(key));
  const after = new Set(fresh.map(key));
  const added = fresh.filter((a) => !before.has(key(a))).map((a) => a.id);
  const dropped = saved.actions.filter((a) => !after.has(key(a))).map((a) => a.id);
  const parts = [
    ...(added.length > 0 ? [`it would now also ${added.join(', ')}`] : []),
    ...(dropped.length > 0 ? [`it would no longer ${dropped.join(', ')}`] : []),
  ];
  if (parts.length === 0 && stringifySorted(saved.steps) !== stringifySorted(plan.steps)) parts.push('its steps are different');
  return parts.length === 0 ? [] : [`the engine changed ${SINCE}: ${parts.join('; ')}`];
}
