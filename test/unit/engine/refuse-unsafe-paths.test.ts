// A request whose path the engine would redirect (a name with "..", "//" or a control character) is refused before
// it is sent: docker-modem follows such a redirect by throwing outside any promise, which crashed envctl.
import { describe, expect, test } from 'vitest';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import { refuseUnsafePaths, unsafePathProblem } from '../../../src/engine/refuse-unsafe-paths.js';

describe('requests the engine would redirect are refused before they are sent', () => {
  test.each(['/images/../x:latest/json', '/images/./x/json', '/images//x/json', '/containers/a\nb/json'])('%j', (path) => {
    expect(unsafePathProblem(path)).not.toBeNull();
  });

  test.each(['/images/x:latest/json', '/images/localhost:5000/a/b:1/json?', '/containers/json?all=1&filters=%7B%7D', '/_ping'])('%j is sent', (path) => {
    expect(unsafePathProblem(path)).toBeNull();
  });

  test('the caller gets an EnvctlError naming the path, and nothing is dialed', () => {
    const dialed: string[] = [];
    const modem = { dial: (options: { path?: string }, callback: (err: unknown) => void) => (dialed.push(options.path ?? ''), callback(null)) };
    refuseUnsafePaths(modem);
    let error: unknown;
    modem.dial({ path: '/images/../x:latest/json' }, (err) => (error = err));
    modem.dial({ path: '/images/x:latest/json' }, () => undefined);
    expect(dialed).toEqual(['/images/x:latest/json']);
    expect(error).toBeInstanceOf(EnvctlError);
    expect((error as EnvctlError).message).toBe('refused to ask the engine for "/images/../x:latest/json": it contains an empty, "." or ".." path segment');
    expect((error as EnvctlError).hint).toMatch(/envctl validate/);
  });
});
