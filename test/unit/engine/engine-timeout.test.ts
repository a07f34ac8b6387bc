// The engine timeout as a person sets it, how much silence each kind of request may have, and the sentences a sick
// engine gets (the behaviour itself is proven on real and fake engines in test/engine/sick-engines, hung-engine).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineFault } from '../../../src/engine/engine-fault.js';
import { toEnvctlError } from '../../../src/engine/engine-errors.js';
import { DEFAULT_ENGINE_TIMEOUT_MS, engineTimeoutFrom, parseEngineTimeout } from '../../../src/engine/engine-timeout.js';
import { requestPolicy } from '../../../src/engine/request-policy.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import { thrownBy } from '../../support/expect-error.js';

describe('--engine-timeout and ENVCTL_ENGINE_TIMEOUT', () => {
  it('takes seconds as a bare number (as COMPOSE_HTTP_TIMEOUT) and Go durations; 0 means wait forever', () => {
    expect(parseEngineTimeout('90')).toBe(90_000);
    expect(parseEngineTimeout('1.5')).toBe(1500);
    expect(parseEngineTimeout('1m30s')).toBe(90_000);
    expect(parseEngineTimeout('500ms')).toBe(500);
    expect(parseEngineTimeout('0')).toBe(0);
    expect(parseEngineTimeout('soon')).toBeNull();
    expect(parseEngineTimeout('-5s')).toBeNull();
  });

  it('defaults to 60s, like Compose; a bad variable is a usage error naming it', () => {
    expect(engineTimeoutFrom({})).toBe(DEFAULT_ENGINE_TIMEOUT_MS);
    expect(DEFAULT_ENGINE_TIMEOUT_MS).toBe(60_000);
    expect(engineTimeoutFrom({ ENVCTL_ENGINE_TIMEOUT: '5s' })).toBe(5000);
    const err = thrownBy(() => engineTimeoutFrom({ ENVCTL_ENGINE_TIMEOUT: 'later' }), EnvctlError);
    expect([err.code, err.message]).toEqual(['usage', 'ENVCTL_ENGINE_TIMEOUT "later" is not a duration']);
  });
});

describe('how much silence a request may have', () => {
  const alive = async (): Promise<void> => undefined;
  const policy = (method: string, path: string, options?: unknown) => requestPolicy({ method, path, options }, 5000, alive);

  it('most calls must answer within the timeout, pulls included (judged by their progress events)', () => {
    expect(policy('GET', '/containers/json?all=true')).toEqual({ ms: 5000 });
    expect(policy('POST', '/images/create?fromImage=x')).toEqual({ ms: 5000 });
  });

  it('a stop may take its grace period on top; with the grace period unknown, as long as the engine answers', () => {
    expect(policy('POST', '/containers/abc/stop?', { t: 30 })).toEqual({ ms: 5000, firstMs: 35_000 });
    expect(policy('POST', '/containers/abc/stop?', {})).toEqual({ ms: 5000, alive });
  });

  it('builds, image save/load, execs may be quiet while the engine answers; a commit up to 30 timeouts', () => {
    for (const [method, path] of [['POST', '/build?t=x'], ['POST', '/images/load?quiet=true'], ['GET', '/images/envctl/x:1/get'], ['POST', '/exec/abc/start']]) {
      expect(policy(method!, path!)).toEqual({ ms: 5000, alive });
    }
    expect(policy('POST', '/commit?container=abc')).toEqual({ ms: 5000, alive, capMs: 150_000 });
  });
});

describe('the sentence for a sick engine', () => {
  const ctx = { endpoint: 'tcp://10.0.0.5:2375', doing: 'list containers' };
  const dir = mkdtempSync(join(tmpdir(), 'envctl-sock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [new EngineFault('silent', 2000), 'engine-timeout', 'list containers: the Docker Engine at tcp://10.0.0.5:2375 did not answer within 2s'],
    [new EngineFault('silent', 2000, true), 'engine-timeout', 'list containers: the Docker Engine at tcp://10.0.0.5:2375 sent no progress for 2s'],
    [new EngineFault('gave-up', 500), 'engine-timeout', 'list containers: not sent: the Docker Engine at tcp://10.0.0.5:2375 did not answer an earlier request within 500ms'],
    [new EngineFault('too-long', 60_000), 'engine-timeout', 'list containers: the Docker Engine at tcp://10.0.0.5:2375 did not finish within 60s'],
    [new EngineFault('garbled'), 'engine', 'list containers: the Docker Engine at tcp://10.0.0.5:2375 answered with something that is not JSON'],
    [new EngineFault('hangup', 0, true), 'engine', 'list containers: the Docker Engine at tcp://10.0.0.5:2375 closed the connection in the middle of its answer'],
  ])('%s', (fault, code, message) => {
    const err = toEnvctlError(fault, ctx);
    expect([err.code, err.message]).toEqual([code, message]);
    expect(err.hint).toBeTruthy();
  });

  it('a 5xx answer that is not the engine’s own JSON error names the engine', () => {
    const page = Object.assign(new Error('(HTTP code 502) unexpected - <html>Bad Gateway</html> '), { statusCode: 502, json: Buffer.from('<html>Bad Gateway</html>') });
    expect(toEnvctlError(page, ctx).message).toBe('list containers: the Docker Engine at tcp://10.0.0.5:2375 answered HTTP 502: <html>Bad Gateway</html>');
    const empty = Object.assign(new Error('(HTTP code 500) server error - '), { statusCode: 500, json: Buffer.alloc(0) });
    expect(toEnvctlError(empty, ctx).message).toBe('list containers: the Docker Engine at tcp://10.0.0.5:2375 answered HTTP 500 without a message');
    const own = Object.assign(new Error('(HTTP code 500) server error - boom '), { statusCode: 500, json: { message: 'boom' } });
    expect(toEnvctlError(own, ctx).message).toBe('list containers: boom');
  });

  it('a unix:// path that is not a socket says what it is', () => {
    const file = join(dir, 'file');
    writeFileSync(file, '');
    mkdirSync(join(dir, 'folder'));
    const refused = (path: string, code = 'ECONNREFUSED') =>
      toEnvctlError(Object.assign(new Error(`connect ${code} ${path}`), { code }), { endpoint: `unix://${path}` }).message;
    expect(refused(file)).toBe(`cannot reach the Docker Engine at unix://${file}: ${file} is a regular file, not a socket`);
    expect(refused(join(dir, 'folder'))).toBe(`cannot reach the Docker Engine at unix://${join(dir, 'folder')}: ${join(dir, 'folder')} is a folder, not a socket`);
    expect(refused(join(dir, 'none'), 'ENOENT')).toBe(`cannot reach the Docker Engine at unix://${join(dir, 'none')}: no such socket`);
    expect(refused(join(file, 'x'), 'ENOTDIR')).toBe(`cannot reach the Docker Engine at unix://${join(file, 'x')}: a part of ${join(file, 'x')} is not a folder`);
  });
});
