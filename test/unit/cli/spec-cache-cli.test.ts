// The built CLI answers an unchanged spec from its cache (src/spec/spec-cache.ts) and sees every change to it.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = resolve(import.meta.dirname, '../../../bin/envctl.js');

describe('the CLI with its spec cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envctl-cli-cache-'));
  const cacheHome = join(dir, 'cache-home');
  const specs = join(cacheHome, 'envctl', 'specs');
  const file = join(dir, 'envctl.yaml');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const validate = (env: Record<string, string> = {}) =>
    run('node', [BIN, '-f', file, 'validate'], { env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_CACHE_HOME: cacheHome, ...env } }).catch(
      (err: { stdout: string; stderr: string; code: number }) => err,
    );

  it('remembers a valid spec, and a changed spec, variable or broken spec is read afresh', async () => {
    writeFileSync(file, 'version: 1\nproject: ${TEAM}-lab\nenvironments:\n  box: { image: busybox }\n');
    expect((await validate({ TEAM: 'vision' })).stdout).toContain('project "vision-lab", 1 environment (box)');
    expect(readdirSync(specs)).toHaveLength(1);
    expect((await validate({ TEAM: 'vision' })).stdout).toContain('project "vision-lab"');
    expect((await validate({ TEAM: 'audio' })).stdout).toContain('project "audio-lab"');

    writeFileSync(file, 'version: 1\nproject: ${TEAM}-lab\nenvironments:\n  box: { image: busybox }\n  two: { image: busybox }\n');
    expect((await validate({ TEAM: 'audio' })).stdout).toContain('2 environments (box, two)');

    writeFileSync(file, 'version: 1\nproject: ${TEAM}-lab\nenvironments:\n  box: { imag: busybox }\n');
    const broken = await validate({ TEAM: 'audio' });
    expect('code' in broken ? broken.code : 0).toBe(1);
    expect(broken.stderr).toMatch(/envctl\.yaml:4:\d+: .*imag/);
  });

  it('ENVCTL_SPEC_CACHE=off keeps nothing', async () => {
    rmSync(cacheHome, { recursive: true, force: true });
    writeFileSync(file, 'version: 1\nproject: off-lab\nenvironments:\n  box: { image: busybox }\n');
    expect((await validate({ ENVCTL_SPEC_CACHE: 'off' })).stdout).toContain('project "off-lab"');
    expect(existsSync(specs)).toBe(false);
  });
});
