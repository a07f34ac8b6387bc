// `envctl init` as a user runs it: a commented starter with the editor's $schema line that validates, a refusal to
// overwrite (exit 13, the file untouched), and one environment imported from a docker run line or a live container.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeContainers } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { docker, envctl } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const SCHEMA_LINE = /^# yaml-language-server: \$schema=(\S+)\n/;

describe('envctl init', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envctl-init-'));
  const live = uniqueProject('init-live');
  beforeAll(async () => {
    await requireEngine();
  });
  afterAll(async () => {
    await removeContainers(live);
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a commented starter whose $schema line names envctl’s schema file, and which validates', async () => {
    const r = await envctl(['init'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'envctl.yaml'), 'utf8');
    const ref = SCHEMA_LINE.exec(text)?.[1];
    expect(ref).toBeDefined();
    const schema = resolve(dir, ref!);
    expect(schema).toBe(resolve(import.meta.dirname, '../../schemas/envctl.schema.json'));
    expect(existsSync(schema)).toBe(true);
    expect(text).toMatch(/^ +# ssh: /m);
    const v = await envctl(['validate', '--json'], { cwd: dir });
    expect(v.exitCode, v.stdout).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true });
    const plan = await envctl(['plan'], { cwd: dir });
    expect(plan.stdout).toMatch(/create\s+env:box/);
  });

  it('refuses to overwrite an existing file: exit 13, a clear message, the file as it was', async () => {
    const file = join(dir, 'mine.yaml');
    writeFileSync(file, 'hand-written: true\n');
    const r = await envctl(['-f', 'mine.yaml', 'init'], { cwd: dir });
    expect(r.exitCode).toBe(13);
    expect(r.stderr).toContain('mine.yaml already exists');
    expect(readFileSync(file, 'utf8')).toBe('hand-written: true\n');
    const json = await envctl(['-f', 'mine.yaml', 'init', '--json', '--from-run', `docker run ${TEST_IMAGE}`], { cwd: dir });
    expect(json.exitCode).toBe(13);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'file-exists' } });
  });

  it('--from-run writes the imported environment with the $schema line; a line the spec cannot express writes nothing', async () => {
    const r = await envctl(['-f', 'run.yaml', 'init', '--from-run', `docker run -d --name web -p 127.0.0.1:8080:80 -v data:/data ${TEST_IMAGE} sleep 100`], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    const text = readFileSync(join(dir, 'run.yaml'), 'utf8');
    expect(text).toMatch(SCHEMA_LINE);
    expect(text).toContain('127.0.0.1:8080:80');
    const v = await envctl(['-f', 'run.yaml', 'validate'], { cwd: dir });
    expect(v.exitCode, v.stderr).toBe(0);
    const bad = await envctl(['-f', 'bad.yaml', 'init', '--from-run', `docker run -P ${TEST_IMAGE}`], { cwd: dir });
    expect(bad.exitCode).toBe(64);
    expect(existsSync(join(dir, 'bad.yaml'))).toBe(false);
    expect(readFileSync(join(dir, 'run.yaml'), 'utf8')).toBe(text);
    // No scratch file is left behind.
    expect((await import('node:fs')).readdirSync(dir).filter((f) => f.startsWith('.envctl-init-'))).toEqual([]);
  });

  it('--from-container writes a live container as an environment', async () => {
    await docker('run', '-d', '--name', live, '-e', 'MODE=dev', TEST_IMAGE, 'sleep', '300');
    const r = await envctl(['-f', 'live.yaml', 'init', '--from-container', live, '--json'], { cwd: dir });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, environments: [live] });
    const text = readFileSync(join(dir, 'live.yaml'), 'utf8');
    expect(text).toMatch(SCHEMA_LINE);
    expect(text).toContain('MODE: dev');
    expect(dirname(join(dir, 'live.yaml'))).toBe(dir);
  });
});
