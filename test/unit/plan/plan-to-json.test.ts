// The --json shape: stable keys, every count present, and no environment values anywhere.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planToJson } from '../../../src/cli/render/plan-to-json.js';
import type { ObservedState } from '../../../src/plan/observed-state.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import type { DesiredState } from '../../../src/spec/desired-state.js';
import { makeDesired, makeEnv, makeObserved, observeAs } from './build-state.js';

const fixture = <T>(name: string, file: string): T =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/${name}/${file}`, import.meta.url)), 'utf8')) as T;

describe('planToJson', () => {
  it('describes each action by kind, resource, cause, diff and dependencies', () => {
    const want = makeEnv('a', { restart: { name: 'always', maxRetries: 0 } });
    const old = observeAs(makeEnv('a'), { status: 'exited' });
    const json = planToJson(reconcile(makeDesired([want]), makeObserved([old])));
    expect(json.changes).toBe(true);
    expect(json.actions).toEqual([
      {
        id: 'update env:a',
        kind: 'update',
        resource: 'env:a',
        cause: 'restart no → always, in place (same container)',
        diff: [{ field: 'restart', from: 'no', to: 'always' }],
        dependsOn: [],
        containerId: old.id,
      },
      {
        id: 'start env:a',
        kind: 'start',
        resource: 'env:a',
        cause: 'container is stopped (exited 0); spec says running',
        diff: [],
        dependsOn: ['update env:a'],
        containerId: old.id,
      },
    ]);
    expect(json.summary).toEqual({
      pull: 0,
      build: 0,
      'create-volume': 0,
      create: 0,
      update: 1,
      rename: 0,
      recreate: 0,
      start: 1,
      stop: 0,
      pause: 0,
      unpause: 0,
      remove: 0,
      'remove-volume': 0,
      'create-network': 0,
      'create-service': 0,
      'update-service': 0,
      'remove-service': 0,
      'remove-network': 0,
      'create-marker': 0,
      'remove-marker': 0,
      conflicts: 0,
    });
  });

  it('says changes: false for a plan with nothing to do', () => {
    const env = makeEnv('a');
    const json = planToJson(reconcile(makeDesired([env]), makeObserved([observeAs(env)])));
    expect(json.changes).toBe(false);
    expect(json.unchanged).toEqual(['env:a']);
  });

  it('never carries environment values, even for a create that holds them', () => {
    const secret = makeEnv('new', { environment: { API_KEY: 'sk-live-SECRET-VALUE' } });
    const desired = fixture<DesiredState>('env-values-hidden', 'desired.json');
    const observed = fixture<ObservedState>('env-values-hidden', 'observed.json');
    const text = JSON.stringify([
      planToJson(reconcile(desired, observed)),
      planToJson(reconcile(makeDesired([secret]), makeObserved([]))),
    ]);
    expect(text).toContain('API_KEY');
    expect(text).not.toContain('SECRET');
    expect(text).not.toContain('/opt/bin');
  });

  it('survives a JSON round trip unchanged (plain data only)', () => {
    const json = planToJson(reconcile(fixture('mixed-plan', 'desired.json'), fixture('mixed-plan', 'observed.json')));
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});
