// Plan text details the golden fixtures do not pin down: colour, singular wording, conflict-only plans, secrets.
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../../src/cli/render/format-plan.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import { makeDesired, makeEnv, makeObserved, observeAs } from './build-state.js';

const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, '');

describe('formatPlan', () => {
  const env = makeEnv('a', { environment: { TOKEN: 'hunter2' } });
  const plan = reconcile(makeDesired([env]), makeObserved([observeAs(makeEnv('a', { environment: { TOKEN: 'hunter1' } }))]));

  it('colours only when asked, and the colours change nothing else', () => {
    const plain = formatPlan(plan, { color: false });
    const coloured = formatPlan(plan, { color: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[');
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it('never prints an environment value', () => {
    const text = formatPlan(plan, { color: false });
    expect(text).toContain('environment: ~TOKEN');
    expect(text).not.toContain('hunter');
  });

  it('says "1 environment matches" in the singular', () => {
    const same = makeEnv('a');
    expect(formatPlan(reconcile(makeDesired([same]), makeObserved([observeAs(same)])), { color: false })).toBe(
      'No changes. 1 environment matches the spec.',
    );
  });

  it('shows a plan with only conflicts as a plan, not as "No changes"', () => {
    const text = formatPlan(
      reconcile(makeDesired([makeEnv('x')]), makeObserved([], { foreignNames: { 'lab-x': { id: 'c'.repeat(64), project: null } } })),
      { color: false },
    );
    expect(text).toBe(
      [
        'Plan for project "lab":',
        '',
        '  ! conflict  env:x  container name "lab-x" is taken by a container envctl does not own (id cccccccccccc)',
        '        hint: rename or remove it yourself, or set container_name',
        '',
        'Plan: 1 conflict.',
      ].join('\n'),
    );
  });
});
