// `envctl destroy`: every project container goes; named volumes stay unless --volumes, and then go last.
import { describe, expect, it } from 'vitest';
import { planDestroy } from '../../../src/plan/plan-destroy.js';
import { formatPlan } from '../../../src/cli/render/format-plan.js';
import { makeEnv, makeObserved, observeAs } from './build-state.js';

const home = { type: 'volume' as const, source: 'home', target: '/root', readOnly: false };

describe('planDestroy', () => {
  const running = observeAs(makeEnv('b', { mounts: [home] }));
  const paused = observeAs(makeEnv('a', { state: 'paused' }));
  const observed = makeObserved([running, paused]);

  it('removes every container of the project with one forced remove each, and keeps volumes by default', () => {
    const plan = planDestroy(observed, { volumes: false, volumeNames: ['home', 'cache'] });
    expect(plan.actions.map((a) => [a.id, a.dependsOn])).toEqual([
      ['remove env:a', []],
      ['remove env:b', []],
    ]);
    expect(plan.unchanged).toEqual(['volume:cache', 'volume:home']);
    expect(plan.actions.every((a) => a.cause.includes('named volumes are kept'))).toBe(true);
  });

  it('with --volumes removes each volume after the containers that mount it', () => {
    const plan = planDestroy(observed, { volumes: true, volumeNames: ['home', 'cache'] });
    expect(plan.actions.map((a) => [a.id, a.dependsOn])).toEqual([
      ['remove env:a', []],
      ['remove env:b', []],
      ['remove-volume volume:cache', []],
      ['remove-volume volume:home', ['remove env:b']],
    ]);
    expect(formatPlan(plan, { color: false }).split('\n').at(-1)).toBe('Plan: 2 to remove, 2 volumes to remove.');
  });

  it('has nothing to do for a project with no containers', () => {
    const plan = planDestroy(makeObserved([]), { volumes: false, volumeNames: [] });
    expect(plan.actions).toEqual([]);
    expect(formatPlan(plan, { color: false })).toBe('No changes.');
  });
});
