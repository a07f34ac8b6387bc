// Secret values — of env_file entries, of names that look secret (HF_TOKEN) and of names listed under `sensitive:` —
// never show in any output (plan, status, errors, --json, --debug), any label, or any file envctl writes under HOME /
// XDG_CACHE_HOME / XDG_CONFIG_HOME, through a full cycle on the real engine; changing one still shows as a change.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker, envctl, type CliResult } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const FROM_ENV_FILE = 'pg-Zq81-from-env-file';
const FROM_TOKEN = 'hf-Wv27-token-value';
const FROM_SENSITIVE = 'lic-Kx93-marked-sensitive';
const CHANGED = 'pg-Ye55-changed-value';
const SECRETS = [FROM_ENV_FILE, FROM_TOKEN, FROM_SENSITIVE, CHANGED];

beforeAll(async () => {
  await requireEngine();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

describe('secret values through a full cycle', () => {
  const project = uniqueProject('secrets');
  const dir = new SpecDir();
  const home = mkdtempSync(join(tmpdir(), 'envctl-secrets-home-'));
  const env = { HOME: home, XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config') };
  const outputs: { args: string[]; result: CliResult }[] = [];
  const labels: string[] = [];
  const run = async (...args: string[]): Promise<CliResult> => {
    const result = await envctl(['-f', dir.file, ...args], { cwd: dir.dir, env });
    outputs.push({ args, result });
    return result;
  };
  const readLabels = async () => {
    const id = await docker('ps', '-aq', '--filter', `label=dev.envctl.project=${project}`);
    labels.push(await docker('inspect', '--format', '{{json .Config.Labels}}', id));
  };
  const spec = (command: string) => `version: 1
project: ${project}
environments:
  box:
    image: ${TEST_IMAGE}
    command: ["sh", "-c", ${JSON.stringify(command)}]
    env_file: .secrets
    sensitive: [MODEL_LICENSE]
    environment:
      HF_TOKEN: ${FROM_TOKEN}
      MODEL_LICENSE: ${FROM_SENSITIVE}
      MODE: dev
`;
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
    rmSync(home, { recursive: true, force: true });
  });

  it('validate, plan, apply, status, --json, --debug, a changed secret, destroy: no value anywhere', async () => {
    dir.write(spec('trap "exit 0" TERM; while :; do sleep 1; done'));
    writeFileSync(join(dir.dir, '.secrets'), `DATABASE_URL=${FROM_ENV_FILE}\n`);
    expect((await run('validate')).exitCode).toBe(0);
    expect((await run('validate', '--json')).exitCode).toBe(0);
    expect((await run('plan')).exitCode).toBe(2);
    expect((await run('plan', '--json')).exitCode).toBe(2);
    expect((await run('--debug', 'plan')).exitCode).toBe(2);
    expect((await run('apply', '--yes')).exitCode).toBe(0);
    await readLabels();
    // The container really got the values (read here, kept out of the outputs searched below).
    const id = await docker('ps', '-aq', '--filter', `label=dev.envctl.project=${project}`);
    expect(JSON.parse(await docker('inspect', '--format', '{{json .Config.Env}}', id))).toEqual(
      expect.arrayContaining([`DATABASE_URL=${FROM_ENV_FILE}`, `HF_TOKEN=${FROM_TOKEN}`, `MODEL_LICENSE=${FROM_SENSITIVE}`, 'MODE=dev']),
    );
    expect((await run('status')).exitCode).toBe(0);
    expect((await run('status', '--json')).exitCode).toBe(0);
    expect((await run('--debug', 'status')).exitCode).toBe(0);
    expect((await run('plan')).exitCode).toBe(0);

    // A changed env_file value is still a change, shown by name only.
    writeFileSync(join(dir.dir, '.secrets'), `DATABASE_URL=${CHANGED}\n`);
    const changed = await run('plan');
    expect(changed.exitCode).toBe(2);
    expect(changed.stdout).toContain('environment: ~DATABASE_URL');
    const changedJson = await run('plan', '--json');
    expect(JSON.parse(changedJson.stdout)).toMatchObject({ actions: [{ kind: 'recreate', diff: [{ field: 'environment', to: '~DATABASE_URL' }] }] });
    expect((await run('--debug', 'apply', '--yes')).exitCode).toBe(0);
    await readLabels();

    // A secret value that also appears in another field (here the command) is hidden there too.
    dir.write(spec(`echo ${FROM_SENSITIVE} ${FROM_TOKEN}; trap "exit 0" TERM; while :; do sleep 1; done`));
    const inCommand = await run('plan');
    expect(inCommand.exitCode).toBe(2);
    expect(inCommand.stdout).toMatch(/command: .*echo \(sensitive\) \(sensitive\);/);
    expect((await run('plan', '--json')).stdout).toContain('echo (sensitive) (sensitive);');
    expect((await run('apply', '--yes', '--json')).exitCode).toBe(0);
    await readLabels();
    // An error that names a secret value (here an image tag equal to one, with nothing to pull it from) hides it too.
    dir.write(spec('sleep 1d').replace(`image: ${TEST_IMAGE}`, `image: envctl/busybox:${FROM_TOKEN}\n    pull_policy: never`));
    for (const args of [['plan'], ['plan', '--json'], ['--debug', 'apply', '--yes']]) {
      const refused = await run(...args);
      expect(refused.exitCode).toBe(10);
      expect(`${refused.stdout}${refused.stderr}`).toContain('envctl/busybox:(sensitive) (env box): not on the engine');
    }
    dir.write(spec('sleep 1d'));
    expect((await run('destroy', '--yes')).exitCode).toBe(0);

    expect(outputs.length).toBeGreaterThan(15);
    const everything = [...outputs.flatMap((o) => [o.result.stdout, o.result.stderr]), ...labels, ...filesUnder(home).map((f) => readFileSync(f, 'utf8'))].join('\n');
    for (const secret of SECRETS) expect(everything).not.toContain(secret);
    expect(labels).toHaveLength(3);
  });
});
