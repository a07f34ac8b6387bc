// The closing lines of apply/destroy: what was done, and for each failure its cause in plain words.
import pc from 'picocolors';
import type { ApplyResult } from '../apply/execute-plan.js';

export function formatApplyResult(result: ApplyResult, color: boolean, verb: string): string {
  const c = pc.createColors(color);
  const done = result.results.filter((r) => r.status === 'done').length;
  const failed = result.results.filter((r) => r.status === 'failed');
  const skipped = result.results.filter((r) => r.status === 'skipped');
  if (result.ok) return c.green(`${verb} complete: ${done} action${done === 1 ? '' : 's'} done.`);
  const lines = [c.red(`${verb} incomplete: ${done} done, ${failed.length} failed, ${skipped.length} skipped.`)];
  // Failures with one cause (an engine that stopped answering) share their hint: it is said once.
  const hinted = new Set<string>();
  for (const r of [...failed, ...skipped]) {
    lines.push(`  ${r.status === 'failed' ? c.red('✗') : c.yellow('-')} ${r.kind} ${r.resource}: ${r.error?.message ?? r.status}`);
    if (r.error?.hint && !hinted.has(r.error.hint)) lines.push(`      hint: ${r.error.hint}`);
    if (r.error?.hint) hinted.add(r.error.hint);
  }
  lines.push('Run `envctl plan` to see what is left; environments that succeeded are in place.');
  return lines.join('\n');
}
