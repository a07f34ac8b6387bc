// The closing lines of apply/destroy: what was done, and for each failure its cause in plain words; after Ctrl-C,
// every action by name: done, rolled back or not started.
import pc from 'picocolors';
import type { ActionResult, ApplyResult } from '../apply/execute-plan.js';
import type { EnvctlError } from '../errors/envctl-error.js';
import { describeInterruption, interruptedError, type InterruptSignalName } from '../errors/interrupted.js';

type Colors = ReturnType<typeof pc.createColors>;

export function formatApplyResult(result: ApplyResult, color: boolean, verb: string, interrupted: InterruptSignalName | null = null): string {
  const c = pc.createColors(color);
  if (interrupted !== null) return formatInterrupted(result, c, verb, interrupted);
  const done = result.results.filter((r) => r.status === 'done').length;
  const failed = result.results.filter((r) => r.status === 'failed');
  const skipped = result.results.filter((r) => r.status === 'skipped');
  if (result.ok) return c.green(`${verb} complete: ${done} action${done === 1 ? '' : 's'} done.`);
  const lines = [c.red(`${verb} incomplete: ${done} done, ${failed.length} failed, ${skipped.length} skipped.`)];
  for (const r of [...failed, ...skipped]) lines.push(...describeResult(r, c));
  lines.push('Run `envctl plan` to see what is left; environments that succeeded are in place.');
  return lines.join('\n');
}

function describeResult(r: ActionResult, c: Colors): string[] {
  const mark = { done: c.green('✓'), failed: c.red('✗'), skipped: c.yellow('-'), 'rolled-back': c.yellow('↺') }[r.status];
  // A step that undid itself says "recreate env:x interrupted (Ctrl-C); rolled back: …": the line names it already.
  const message = r.status === 'rolled-back' ? r.error?.message.replace(/^.*? (?:interrupted \(Ctrl-C\)|stopped \(SIGTERM\)); /, '') : r.error?.message;
  const why = r.status === 'done' ? '' : `: ${message ?? r.status}`;
  return [`  ${mark} ${r.kind} ${r.resource}${why}`, ...(r.error?.hint ? [`      hint: ${r.error.hint}`] : [])];
}

interface Counts {
  done: number;
  rolledBack: number;
  failed: number;
  notStarted: number;
}

function count(results: readonly ActionResult[]): Counts {
  const n = (status: ActionResult['status']) => results.filter((r) => r.status === status).length;
  return { done: n('done'), rolledBack: n('rolled-back'), failed: n('failed'), notStarted: n('skipped') };
}

function describeCounts(k: Counts): string {
  const parts = [`${k.done} done`, `${k.rolledBack} rolled back`, `${k.notStarted} not started`];
  if (k.failed > 0) parts.push(`${k.failed} failed`);
  return parts.join(', ');
}

function formatInterrupted(result: ApplyResult, c: Colors, verb: string, by: InterruptSignalName): string {
  const lines = [c.yellow(`${describeInterruption(verb, by)}: ${describeCounts(count(result.results))}.`)];
  for (const r of result.results) lines.push(...describeResult(r, c));
  return lines.join('\n');
}

/** The error an interrupted apply/destroy ends with: one sentence with the counts, exit 130 (143 for SIGTERM). */
export function interruptedRun(by: InterruptSignalName, verb: string, results: readonly (ApplyResult | null)[], enginesNotStarted: number): EnvctlError {
  const k = count(results.flatMap((r) => r?.results ?? []));
  const engines = enginesNotStarted > 0 ? `; ${enginesNotStarted} engine${enginesNotStarted === 1 ? '' : 's'} not started` : '';
  const command = verb.toLowerCase();
  return interruptedError(by, command, `${describeCounts(k)}${engines}`, `run \`envctl ${command}\` again to finish (\`envctl plan\` shows what is left)`);
}
