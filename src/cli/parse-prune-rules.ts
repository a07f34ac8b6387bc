// Reads prune's --keep N and --older-than D (30m, 12h, 7d, 2w) into the rules find-prunable applies.
import { EnvctlError } from '../errors/envctl-error.js';

const MS_PER: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

export function parseKeep(text: string | undefined): { keep?: number } {
  if (text === undefined) return {};
  if (!/^\d+$/.test(text.trim())) throw new EnvctlError('usage', `--keep "${text}" is not a count`, { hint: 'the number of newest snapshots to keep per environment, e.g. --keep 3' });
  return { keep: Number(text.trim()) };
}

export function parseAge(text: string | undefined, now: Date): { olderThan?: Date } {
  if (text === undefined) return {};
  const m = /^(\d+(?:\.\d+)?)([mhdw])$/.exec(text.trim());
  if (!m) throw new EnvctlError('usage', `--older-than "${text}" is not an age`, { hint: 'use minutes, hours, days or weeks: 30m, 12h, 7d, 2w' });
  return { olderThan: new Date(now.getTime() - Number(m[1]) * MS_PER[m[2]!]!) };
}
