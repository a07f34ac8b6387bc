// How every engine call reads a failure: "no such thing" is null, "already in that state" is success, anything else
// an EnvctlError saying what envctl was doing.
import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { EngineClient, orNull } from '../../../src/engine/engine-client.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import { rejectionOf } from '../../support/expect-error.js';

/** The shape docker-modem gives an HTTP error. */
function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) unexpected - ${message} `), { statusCode, json: { message } });
}

const failWith = (err: Error) => (): Promise<never> => Promise.reject(err);
// Never connects: every request below is a function given to the client, not a call through dockerode.
const client = new EngineClient(new Docker({ socketPath: '/nonexistent/docker.sock' }), 'unix:///nonexistent/docker.sock');

describe('engine client', () => {
  it('orNull: a 404 is null, a value passes through, any other failure passes on unchanged', async () => {
    expect(await orNull(failWith(httpError(404, 'No such image: x:1')))).toBeNull();
    expect(await orNull(() => Promise.resolve('abc'))).toBe('abc');
    const conflict = httpError(409, 'in use');
    await expect(orNull(failWith(conflict))).rejects.toBe(conflict);
  });

  it('client.orNull: a missing thing is null; another failure says what envctl was doing', async () => {
    expect(await client.orNull('inspect container box', failWith(httpError(404, 'No such container: box')))).toBeNull();
    const err = await rejectionOf(client.orNull('inspect container box', failWith(httpError(409, 'busy'))), EnvctlError);
    expect([err.code, err.message]).toEqual(['conflict', 'inspect container box: busy']);
  });

  it('client.lifecycle: already started or already paused is success; a missing container is not', async () => {
    await expect(client.lifecycle('start container box', failWith(httpError(304, '')))).resolves.toBeUndefined();
    await expect(client.lifecycle('pause container box', failWith(httpError(409, 'Container box is already paused')))).resolves.toBeUndefined();
    await expect(client.lifecycle('start container box', failWith(httpError(404, 'No such container: box')))).rejects.toMatchObject({
      code: 'not-found',
      message: 'start container box: No such container: box',
    });
  });
});
