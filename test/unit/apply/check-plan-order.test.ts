// A plan the executor cannot run safely is refused up front, naming the action at fault.
import { describe, expect, it } from 'vitest';
import { checkPlanOrder } from '../../../src/apply/check-plan-order.js';
import { create, IMAGE, makeEnv, pull } from './plan-builders.js';

describe('checkPlanOrder', () => {
  it('accepts dependencies that point to earlier actions', () => {
    expect(() => checkPlanOrder([pull(IMAGE), create(makeEnv('a'), [`pull image:${IMAGE}`])])).not.toThrow();
  });

  it('refuses a dependency on an action that is not in the plan', () => {
    expect(() => checkPlanOrder([create(makeEnv('a'), ['create-volume volume:home'])])).toThrow(
      '"create env:a" depends on "create-volume volume:home", which does not come before it',
    );
  });

  it('refuses two actions with the same id, since results and dependencies are keyed by it', () => {
    expect(() => checkPlanOrder([pull(IMAGE), pull(IMAGE)])).toThrow(`two actions with the id "pull image:${IMAGE}"`);
  });
});
