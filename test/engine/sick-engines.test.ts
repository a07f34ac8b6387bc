// Engines that are there but sick — one that accepts and never answers, one that answers 500 to everything, one whose
// answers are broken JSON, one that hangs up in the middle of an answer — and DOCKER_HOST paths that are not sockets:
// every command ends within the engine timeout with one sentence naming the engine, exit 1, never a stack trace.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envctl, SpecDir, type CliResult } from './support/run-cli.js';
import { startSickEngine, type Sickness, type SickEngine } from './support/sick-engine.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const TIMEOUT_S = 1;
/** Start-up and a loaded 2-core machine: a command may take this much more than its engine waits. */
const SLACK_MS = 4000;

/** Every command that talks to the engine, as a user would type it. */
const COMMANDS: string[][] = [['plan'], ['apply', '--yes'], ['status'], ['gpus'], ['snapshots'], ['unlock'], ['destroy', '--yes']];

const SAYS: Record<Sickness, RegExp> = {
  silent: new RegExp(`did not answer within ${TIMEOUT_S}s`),
  'error-500': /answered HTTP 500: Internal Server Error/,
  'broken-json': /answered with something that is not JSON/,
  'hangs-up': /closed the connection in the middle of its answer/,
};

async function timed(run: () => Promise<CliResult>): Promise<CliResult & { ms: number }> {
  const started = Date.now();
  const r = await run();
  return { ...r, ms: Date.now() - started };
}

/** One sentence (plus its hint) on stderr, naming where; no stack trace. */
function expectOneSentence(r: CliResult, where: string, says: RegExp): void {
  const lines = r.stderr.trim().split('\n');
  expect(lines[0], r.stderr).toMatch(/^envctl: error: /);
  expect(lines[0]).toContain(where);
  expect(lines[0]).toMatch(says);
  expect(lines.slice(1).every((l) => l.startsWith('  hint: ')), r.stderr).toBe(true);
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^\s+at .+:\d+/m);
}

describe('a sick engine', () => {
  const dir = new SpecDir();
  const engines = new Map<Sickness, SickEngine>();
  beforeAll(async () => {
    dir.write(`version: 1\nproject: ${uniqueProject('sick')}\nenvironments:\n  box: { image: ${TEST_IMAGE} }\n`);
    for (const sickness of Object.keys(SAYS) as Sickness[]) engines.set(sickness, await startSickEngine(sickness));
  });
  afterAll(async () => {
    for (const engine of engines.values()) await engine.close();
    dir.dispose();
  });

  describe.each(Object.keys(SAYS) as Sickness[])('that is %s', (sickness) => {
    it.each(COMMANDS.map((c) => [c.join(' '), c]))('envctl %s: one sentence naming the engine, exit 1, within the timeout', async (_name, args) => {
      const engine = engines.get(sickness)!;
      const r = await timed(() =>
        envctl(['-f', dir.file, '--engine-timeout', `${TIMEOUT_S}s`, ...(args as string[])], { cwd: dir.dir, env: { DOCKER_HOST: engine.host } }),
      );
      expect(r.exitCode, r.stderr).toBe(1);
      expectOneSentence(r, `the Docker Engine at ${engine.host}`, SAYS[sickness]);
      expect(r.ms).toBeLessThan(TIMEOUT_S * 1000 + SLACK_MS);
      expect(engine.requests().length).toBeGreaterThan(0);
    });
  });

  it('--json says it as an error object with the code engine-timeout', async () => {
    const engine = engines.get('silent')!;
    const r = await envctl(['-f', dir.file, '--engine-timeout', `${TIMEOUT_S}s`, 'plan', '--json'], { cwd: dir.dir, env: { DOCKER_HOST: engine.host } });
    expect(r.exitCode).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; error: { code: string; message: string } };
    expect(out.ok).toBe(false);
    expect(out.error.code).toBe('engine-timeout');
    expect(out.error.message).toContain(engine.host);
  });

  it('with --engine-timeout 0 (wait forever) a broken or cut-off answer is still one sentence', async () => {
    for (const sickness of ['broken-json', 'hangs-up'] as const) {
      const engine = engines.get(sickness)!;
      const r = await envctl(['-f', dir.file, '--engine-timeout', '0', 'plan'], { cwd: dir.dir, env: { DOCKER_HOST: engine.host } });
      expect(r.exitCode).toBe(1);
      expectOneSentence(r, `the Docker Engine at ${engine.host}`, SAYS[sickness]);
    }
  });

  it('ENVCTL_ENGINE_TIMEOUT sets the timeout; --engine-timeout wins over it; a value that is not a duration is a usage error', async () => {
    const engine = engines.get('silent')!;
    const fromVar = await timed(() => envctl(['-f', dir.file, 'plan'], { cwd: dir.dir, env: { DOCKER_HOST: engine.host, ENVCTL_ENGINE_TIMEOUT: '500ms' } }));
    expect(fromVar.exitCode).toBe(1);
    expect(fromVar.stderr).toMatch(/did not answer within 500ms/);
    const both = await envctl(['-f', dir.file, '--engine-timeout', '1s', 'plan'], { cwd: dir.dir, env: { DOCKER_HOST: engine.host, ENVCTL_ENGINE_TIMEOUT: '1m' } });
    expect(both.stderr).toMatch(/did not answer within 1s/);
    const bad = await envctl(['-f', dir.file, '--engine-timeout', 'soon', 'plan'], { cwd: dir.dir });
    expect(bad.exitCode).toBe(64);
    expect(bad.stderr).toContain('--engine-timeout "soon" is not a duration');
    const badVar = await envctl(['-f', dir.file, 'plan'], { cwd: dir.dir, env: { ENVCTL_ENGINE_TIMEOUT: 'soon' } });
    expect(badVar.exitCode).toBe(64);
    expect(badVar.stderr).toContain('ENVCTL_ENGINE_TIMEOUT "soon" is not a duration');
  });
});

describe('a DOCKER_HOST path that is not a socket', () => {
  const dir = new SpecDir();
  const file = join(dir.dir, 'not-a-socket');
  const folder = join(dir.dir, 'a-folder');
  beforeAll(() => {
    dir.write(`version: 1\nproject: ${uniqueProject('nosock')}\nenvironments:\n  box: { image: ${TEST_IMAGE} }\n`);
    writeFileSync(file, 'x');
    mkdirSync(folder);
  });
  afterAll(() => dir.dispose());

  it.each([
    ['a regular file', () => file, /is a regular file, not a socket/],
    ['a folder', () => folder, /is a folder, not a socket/],
    ['a missing path', () => join(dir.dir, 'missing.sock'), /no such socket/],
    ['a path under a file', () => join(file, 'docker.sock'), /is not a folder/],
  ])('%s: one sentence saying so, exit 1, at once', async (_what, path, says) => {
    for (const args of [['plan'], ['apply', '--yes'], ['status']]) {
      const r = await timed(() => envctl(['-f', dir.file, ...args], { cwd: dir.dir, env: { DOCKER_HOST: `unix://${path()}` } }));
      expect(r.exitCode, r.stderr).toBe(1);
      expectOneSentence(r, `cannot reach the Docker Engine at unix://${path()}`, says);
      expect(r.ms).toBeLessThan(SLACK_MS);
    }
  });
});
