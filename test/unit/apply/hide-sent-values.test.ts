// A failed action never prints an environment value or build arg envctl sent, whatever the engine's message says.
import { describe, expect, it } from 'vitest';
import { executePlan } from '../../../src/apply/execute-plan.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import { FakeEngine } from '../support/fake-engine.js';
import { create, IMAGE, makeEnv, makePlan } from './plan-builders.js';

describe('an engine error that echoes a value envctl sent', () => {
  it('shows (sensitive) in the action result instead of the value; short values are left alone', async () => {
    const fake = new FakeEngine();
    fake.addImage(IMAGE);
    const env = makeEnv('box', { environment: { API_TOKEN: 'hunter2-s3cr3t', MODE: 'on' } });
    fake.failOn('createContainer', new EnvctlError('engine', 'cannot use hunter2-s3cr3t with MODE on', { hint: 'hunter2-s3cr3t is bad' }));
    const result = await executePlan(makePlan([create(env)]), fake, { renderer: 'silent' });
    expect(result.ok).toBe(false);
    const error = result.results[0]?.error;
    expect(error?.message).toBe('could not create container lab-box: cannot use (sensitive) with MODE on');
    expect(error?.hint).toBe('(sensitive) is bad');
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });
});
