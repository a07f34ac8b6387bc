// Engine failures as a person reads them: which code, one sentence, a hint; "already in that state" is success.
import { describe, expect, it } from 'vitest';
import { engineMessage, isAlreadyDone, toEnvctlError } from '../../../src/engine/engine-errors.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';

const ctx = { endpoint: 'unix:///var/run/docker.sock' };

/** The shape docker-modem gives an HTTP error. */
function httpError(statusCode: number, message: string): Error {
  const err = new Error(`(HTTP code ${statusCode}) unexpected - ${message} `) as Error & { statusCode: number; json: unknown };
  err.statusCode = statusCode;
  err.json = { message };
  return err;
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code, syscall: 'connect' });
}

describe('mapping engine failures', () => {
  it.each([
    ['ENOENT', 'no such socket'],
    ['ECONNREFUSED', 'connection refused'],
    ['EACCES', 'permission denied'],
    ['ETIMEDOUT', 'no answer in time'],
  ])('a socket %s is engine-unreachable: "%s"', (code, words) => {
    const err = toEnvctlError(socketError(code), ctx);
    expect(err.code).toBe('engine-unreachable');
    expect(err.message).toBe(`cannot reach the Docker Engine at unix:///var/run/docker.sock: ${words}`);
    expect(err.hint).toContain('start Docker (as root: bash scripts/engine-up.sh) or set DOCKER_HOST');
  });

  it('404 is not-found and 409 is conflict, with the engine sentence and what envctl was doing', () => {
    const nf = toEnvctlError(httpError(404, 'No such container: box'), { ...ctx, doing: 'start container box' });
    expect([nf.code, nf.message]).toEqual(['not-found', 'start container box: No such container: box']);
    const c = toEnvctlError(httpError(409, 'Conflict. The container name "/box" is already in use by container "abc". '), ctx);
    expect([c.code, c.message]).toEqual(['conflict', 'Conflict. The container name "/box" is already in use by container "abc"']);
  });

  it('a taken port is port-taken, with the port in plain words', () => {
    const msg =
      'driver failed programming external connectivity on endpoint lab-box (0123): Bind for 0.0.0.0:8080 failed: port is already allocated';
    const err = toEnvctlError(httpError(500, msg), { ...ctx, doing: 'start container lab-box' });
    expect([err.code, err.message]).toEqual(['port-taken', 'start container lab-box: port 8080 on 0.0.0.0 is already in use']);
    const proxy = toEnvctlError(httpError(500, 'Error starting userland proxy: listen tcp4 127.0.0.1:2222: bind: address already in use'), ctx);
    expect([proxy.code, proxy.message]).toEqual(['port-taken', 'port 2222 on 127.0.0.1 is already in use']);
  });

  it('other engine errors keep the engine sentence without JSON, status text or trailing dots', () => {
    const err = toEnvctlError(httpError(500, 'Minimum memory limit allowed is 6MB.\n'), ctx);
    expect([err.code, err.message]).toEqual(['engine', 'Minimum memory limit allowed is 6MB']);
    expect(engineMessage(new Error('(HTTP code 500) server error - boom '))).toBe('boom');
  });

  it('EnvctlErrors pass through unchanged', () => {
    const original = new EnvctlError('conflict', 'x');
    expect(toEnvctlError(original, ctx)).toBe(original);
  });

  it('304 and already-paused / not-paused answers mean the state already holds', () => {
    expect(isAlreadyDone(httpError(304, 'container already started'))).toBe(true);
    expect(isAlreadyDone(httpError(409, 'Container abc is already paused'))).toBe(true);
    expect(isAlreadyDone(httpError(500, 'Container abc is not paused'))).toBe(true);
    expect(isAlreadyDone(httpError(409, 'Container abc is restarting'))).toBe(false);
    expect(isAlreadyDone(socketError('ENOENT'))).toBe(false);
  });
});

describe('values the engine echoes back', () => {
  it('an environment entry the engine rejects shows (sensitive) for its value, in the message and the raw cause', () => {
    const create = httpError(400, 'invalid environment variable: =hunter2-s3cr3t');
    const err = toEnvctlError(create, { ...ctx, doing: 'create container lab-box' });
    expect(err.message).toBe('create container lab-box: invalid environment variable: =(sensitive)');
    expect(`${create.message}\n${create.stack ?? ''}`).not.toContain('hunter2');
    // runc (Docker 20.10) quotes the whole entry when a value holds a NUL byte.
    const start = httpError(
      500,
      'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: environment variable value can\'t contain null(\\x00): "TOKEN=hunter2\\x00s3cr3t": unknown',
    );
    expect(toEnvctlError(start, ctx).message).toBe(
      'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: environment variable value can\'t contain null(\\x00): "TOKEN=(sensitive)": unknown',
    );
  });
});
