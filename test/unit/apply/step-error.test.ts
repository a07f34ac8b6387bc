// A failed step is said once: the step's own description replaces the engine layer's "doing" prefix, never stacks on it.
import { describe, expect, it } from 'vitest';
import { stepError } from '../../../src/apply/describe-error.js';
import { toEnvctlError } from '../../../src/engine/engine-errors.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';

const engineRefusal = (message: string, statusCode = 400) =>
  Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message}`), { statusCode, json: { message } });

describe('stepError', () => {
  it('replaces the engine call prefix with the step context, keeping the engine reason and code', () => {
    const fromEngine = toEnvctlError(engineRefusal('Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available'), {
      endpoint: 'unix:///var/run/docker.sock',
      doing: 'create container lab-box',
    });
    expect(fromEngine.message).toBe('create container lab-box: Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available');
    const wrapped = stepError('could not create container lab-box', fromEngine);
    expect(wrapped.message).toBe('could not create container lab-box: Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available');
    expect(wrapped.code).toBe('engine');
  });

  it('keeps a message with no engine prefix whole', () => {
    const plain = new EnvctlError('not-found', 'image x:1 is not on this engine', { hint: 'pull it' });
    const wrapped = stepError('could not create container lab-box', plain);
    expect(wrapped.message).toBe('could not create container lab-box: image x:1 is not on this engine');
    expect(wrapped.hint).toBe('pull it');
  });
});
