// Several spec files as one (as Compose merges -f files): maps merge, lists and scalars are replaced; every problem and
// warning is located in the file that wrote the value; .env interpolated as Compose does; unset variables warned about.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { SpecError, formatSpecIssue } from '../../../src/errors/envctl-error.js';
import { loadSpec } from '../../../src/spec/load-spec.js';
import { mergeSpecData } from '../../../src/spec/merge-spec-files.js';
import { load, writeSpecFile } from './write-spec-file.js';

const BASE = `version: 1
project: lab
environments:
  web:
    image: busybox
    command: ["sleep", "1d"]
    environment: { A: "1", B: "1" }
    labels: { team: ml }
    ports: ["8080:80", "8443:443"]
`;

async function issuesOf(run: () => Promise<unknown>): Promise<string[]> {
  try {
    await run();
  } catch (error) {
    if (error instanceof SpecError) return error.issues.map(formatSpecIssue);
    throw error;
  }
  throw new Error('expected the spec to be rejected, but it loaded');
}

describe('merging spec data', () => {
  test('maps merge key by key, the later value wins; lists and scalars are replaced whole', () => {
    const merged = mergeSpecData({ a: { x: 1, y: [1, 2] }, b: 'keep', c: [1] }, { a: { y: [3], z: true }, c: [] });
    expect(merged).toEqual({ a: { x: 1, y: [3], z: true }, b: 'keep', c: [] });
  });
});

describe('-f base.yaml -f mine.yaml and envctl.override.yaml', () => {
  test('two files: environment and labels merge by key, ports are replaced, a new environment is added', async () => {
    const { dir, file } = writeSpecFile(BASE, {
      'mine.yaml': 'environments:\n  web:\n    environment: { B: "2", C: "3" }\n    ports: ["9090:80"]\n  db:\n    image: busybox\n',
    });
    const state = await loadSpec(file, { environ: {}, displayPath: 'envctl.yaml', overrides: [join(dir, 'mine.yaml')] });
    expect(state.files).toEqual(['envctl.yaml', join(dir, 'mine.yaml')]);
    const web = state.environments.find((e) => e.name === 'web')!;
    expect(web.environment).toEqual({ A: '1', B: '2', C: '3' });
    expect(web.labels).toMatchObject({ team: 'ml' });
    expect(web.ports.map((p) => p.published)).toEqual([9090]);
    expect(state.environments.map((e) => e.name)).toEqual(['db', 'web']);
  });

  test('environment and labels written as "K=V" lists merge by key with lists and maps, as in Compose', async () => {
    const { file } = writeSpecFile(BASE.replace('environment: { A: "1", B: "1" }', 'environment: ["A=1", "B=1", PASS]'), {
      'envctl.override.yaml': 'environments:\n  web:\n    environment: ["B=2", "C=3"]\n    labels: ["tier=mine"]\n',
    });
    const state = await loadSpec(file, { environ: { PASS: 'through' }, displayPath: 'envctl.yaml' });
    expect(state.environments[0]!.environment).toEqual({ A: '1', B: '2', C: '3', PASS: 'through' });
    expect(state.environments[0]!.labels).toMatchObject({ team: 'ml', tier: 'mine' });
  });

  test('a problem in an entry of a "K=V" list is located at that entry, in the file that wrote it', async () => {
    const { file } = writeSpecFile(BASE.replace('environment: { A: "1", B: "1" }', 'environment:\n      - "A=1"\n      - "B=x\\0y"'), {
      'envctl.override.yaml': 'environments:\n  web:\n    environment: { C: "3", D: "x\\0y" }\n',
    });
    const found = await issuesOf(() => loadSpec(file, { environ: {}, displayPath: 'envctl.yaml' }));
    expect(found).toEqual([
      expect.stringMatching(/^envctl\.override\.yaml:3:\d+: .*`D` contains a NUL byte/),
      expect.stringMatching(/^envctl\.yaml:9:9: .*`B` contains a NUL byte/),
    ]);
  });

  test('envctl.override.yaml next to the spec is picked up; with more -f files it is not', async () => {
    const { dir, file } = writeSpecFile(BASE, { 'envctl.override.yaml': 'environments:\n  web:\n    environment: { A: "over" }\n', 'other.yaml': 'project: lab\n' });
    const picked = await loadSpec(file, { environ: {}, displayPath: 'envctl.yaml' });
    expect(picked.files).toEqual(['envctl.yaml', 'envctl.override.yaml']);
    expect(picked.environments[0]!.environment.A).toBe('over');
    const explicit = await loadSpec(file, { environ: {}, displayPath: 'envctl.yaml', overrides: [join(dir, 'other.yaml')] });
    expect(explicit.files).toEqual(['envctl.yaml', join(dir, 'other.yaml')]);
    expect(explicit.environments[0]!.environment.A).toBe('1');
  });

  test('a problem is located in the file that wrote the value, whichever it is', async () => {
    const { file } = writeSpecFile(BASE.replace('image: busybox', 'image: busybox\n    tty: maybe'), {
      'envctl.override.yaml': 'environments:\n  web:\n    ports: ["9090:80", "bad:port"]\n    shm_size: nope\n',
    });
    const found = await issuesOf(() => loadSpec(file, { environ: {}, displayPath: 'envctl.yaml' }));
    expect(found).toEqual([
      expect.stringMatching(/^envctl\.override\.yaml:3:24: "bad:port" is not a port/),
      expect.stringMatching(/^envctl\.override\.yaml:4:15: "nope" is not a size/),
      expect.stringMatching(/^envctl\.yaml:6:10: .*tty/),
    ]);
  });

  test('a list replaced by the later file is located there, even where the earlier list had more', async () => {
    const { file } = writeSpecFile(BASE, { 'envctl.override.yaml': 'environments:\n  web:\n    ports: [{ target: 80, published: "x" }]\n' });
    const found = await issuesOf(() => loadSpec(file, { environ: {}, displayPath: 'envctl.yaml' }));
    expect(found.every((line) => line.startsWith('envctl.override.yaml:3:'))).toBe(true);
    expect(found.length).toBeGreaterThan(0);
  });

  test('`!reset` removes what earlier files set, `!override` replaces a map whole (as in Compose)', async () => {
    const { file } = writeSpecFile(BASE.replace('image: busybox', 'image: busybox\n    shm_size: 1g'), {
      'envctl.override.yaml': 'environments:\n  web:\n    shm_size: !reset null\n    environment: { A: !reset }\n    labels: !override { owner: me }\n    ports: !reset []\n',
    });
    const state = await loadSpec(file, { environ: {}, displayPath: 'envctl.yaml' });
    const web = state.environments[0]!;
    expect(web.environment).toEqual({ B: '1' });
    expect(web.labels).toEqual({ owner: 'me' });
    expect(web.ports).toEqual([]);
    expect(web.shmSizeBytes).toBe(64 * 1024 * 1024);
  });

  test('syntax errors of every file at once', async () => {
    const { file } = writeSpecFile(`${BASE}  bad: [\n`, { 'envctl.override.yaml': 'a: b: c\n' });
    const found = await issuesOf(() => loadSpec(file, { environ: {}, displayPath: 'envctl.yaml' }));
    expect(found.some((l) => l.startsWith('envctl.yaml:'))).toBe(true);
    expect(found.some((l) => l.startsWith('envctl.override.yaml:1:'))).toBe(true);
  });

  test('a missing -f file is "no spec file at …"', async () => {
    const { file } = writeSpecFile(BASE);
    await expect(loadSpec(file, { environ: {}, displayPath: 'envctl.yaml', overrides: ['/nonexistent/mine.yaml'] })).rejects.toThrow('no spec file at /nonexistent/mine.yaml');
  });
});

describe('variables that are not set', () => {
  test('a variable used without a default and not set is a warning naming it, its file and line; a default silences it', async () => {
    const state = await load('project: lab\nenvironments:\n  web:\n    image: busybox\n    hostname: "h${SUFFIX}"\n    working_dir: "/w/${DIR:-x}"\n');
    expect(state.environments[0]!.hostname).toBe('h');
    expect(state.warnings?.map(formatSpecIssue)).toEqual([`envctl.yaml:5:15: variable SUFFIX is not set: using "" (set SUFFIX in your environment or .env, or write \${SUFFIX:-default})`]);
  });

  test('`NAME:` with no value takes NAME from envctl’s own environment; a warning when it is not set either', async () => {
    const yaml = 'project: lab\nenvironments:\n  web:\n    image: busybox\n    environment:\n      HF_HOME:\n      - \n'.replace('      - \n', '');
    const set = await load(yaml, { environ: { HF_HOME: '/data/hf' } });
    expect(set.environments[0]!.environment).toEqual({ HF_HOME: '/data/hf' });
    expect(set.warnings).toBeUndefined();
    const unset = await load(yaml);
    expect(unset.environments[0]!.environment).toEqual({});
    expect(unset.warnings?.map(formatSpecIssue)).toEqual([expect.stringMatching(/^envctl\.yaml:6:7: HF_HOME is not set in your environment: left out/)]);
    const list = await load('project: lab\nenvironments:\n  web:\n    image: busybox\n    environment: [HF_HOME]\n', { environ: { HF_HOME: '/data/hf' } });
    expect(list.environments[0]!.environment).toEqual({ HF_HOME: '/data/hf' });
  });
});

describe('.env next to the spec, interpolated as Compose does', () => {
  const yaml = 'project: lab\nenvironments:\n  web:\n    image: busybox\n    environment: { Y: "${Y}", Z: "${Z}", W: "${W}", Q: "${Q}", D: "${D}" }\n';
  const dotenv = ['X=1', 'Y="${X}-2"', 'Z=$${X}', 'W=${X:-d}w', "Q='${X}'", 'D=${FROM_SHELL:-none}', ''].join('\n');

  test('earlier lines and your environment are substituted in unquoted and double-quoted values; single quotes are literal; $$ is a $', async () => {
    const state = await load(yaml, {}, { '.env': dotenv });
    expect(state.environments[0]!.environment).toEqual({ Y: '1-2', Z: '${X}', W: '1w', Q: '${X}', D: 'none' });
    const shell = await load(yaml, { environ: { X: '7', FROM_SHELL: 'sh' } }, { '.env': dotenv });
    expect(shell.environments[0]!.environment).toMatchObject({ Y: '7-2', D: 'sh' });
  });

  test('`${VAR?err}` in .env fails at its line; an unset variable there is a warning at its line', async () => {
    const found = await issuesOf(() => load(yaml, {}, { '.env': 'A=1\nB=${NEED?set NEED}\n' }));
    expect(found).toContain('.env:2:1: the value of `B`: variable NEED: set NEED');
    const state = await load('project: lab\nenvironments:\n  web:\n    image: busybox\n    hostname: "${H}"\n', {}, { '.env': 'H=x${NOPE}\n' });
    expect(state.environments[0]!.hostname).toBe('x');
    expect(state.warnings?.map(formatSpecIssue)).toEqual([expect.stringMatching(/^\.env:1:1: variable NOPE is not set/)]);
  });
});
