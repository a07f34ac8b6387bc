// What Compose users expect of spec files, on the real engine through the CLI: `-f base.yaml -f mine.yaml` merged and
// envctl.override.yaml picked up (maps merge, lists replace; validate names the files), `.env` interpolated, a bare
// `NAME:` passing the user's own NAME through, and a variable used but not set warned about at its file:line:col.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker, envctl } from './support/run-cli.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

beforeAll(async () => {
  await requireEngine();
});

async function inspectEnv(project: string, env: string): Promise<{ env: string[]; labels: Record<string, string>; ports: string[] }> {
  const id = await docker('ps', '-aq', '--filter', `label=dev.envctl.project=${project}`, '--filter', `label=dev.envctl.env=${env}`);
  const raw = JSON.parse(await docker('inspect', '--format', '{{json .}}', id)) as {
    Config: { Env: string[]; Labels: Record<string, string> };
    HostConfig: { PortBindings: Record<string, { HostPort: string }[]> | null };
  };
  const ports = Object.entries(raw.HostConfig.PortBindings ?? {}).flatMap(([port, bindings]) => bindings.map((b) => `${b.HostPort}->${port}`));
  return { env: raw.Config.Env, labels: raw.Config.Labels, ports: ports.sort() };
}

describe('several spec files, merged as Compose does', () => {
  const project = uniqueProject('spec-files');
  const dir = new SpecDir();
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  const base = `version: 1
project: ${project}
environments:
  web:
    image: ${TEST_IMAGE}
    command: ${JSON.stringify(IDLE_COMMAND)}
    environment: { MODE: base, KEEP: "1", FROM_DOTENV: "\${GREETING}", HF_HOME: }
    labels: { team: ml, tier: base }
    ports: ["127.0.0.1::80", "127.0.0.1::81"]
`;

  it('-f base -f mine: environment and labels merge by key, ports are replaced; validate names both files', async () => {
    dir.write(base);
    writeFileSync(join(dir.dir, '.env'), 'NAME=lab\nGREETING="hello ${NAME}"\n');
    const mine = join(dir.dir, 'mine.yaml');
    writeFileSync(mine, 'environments:\n  web:\n    environment: { MODE: mine, EXTRA: "${NOT_SET_ANYWHERE}" }\n    labels: { tier: mine }\n    ports: ["127.0.0.1::82"]\n');
    const env = { HF_HOME: '/data/hf' };

    const validated = await envctl(['-f', dir.file, '-f', mine, 'validate'], { cwd: dir.dir, env });
    expect(validated.exitCode).toBe(0);
    expect(validated.stdout).toContain(`${dir.file} + ${mine} are valid: project "${project}", 1 environment (web)`);
    expect(validated.stderr).toBe(`envctl: warning: ${mine}:3:39: variable NOT_SET_ANYWHERE is not set: using "" (set NOT_SET_ANYWHERE in your environment or .env, or write \${NOT_SET_ANYWHERE:-default})`);

    const applied = await envctl(['-f', dir.file, '-f', mine, 'apply', '--yes'], { cwd: dir.dir, env });
    expect(applied.exitCode).toBe(0);
    const seen = await inspectEnv(project, 'web');
    expect(seen.env).toEqual(expect.arrayContaining(['MODE=mine', 'KEEP=1', 'EXTRA=', 'FROM_DOTENV=hello lab', 'HF_HOME=/data/hf']));
    expect(seen.labels).toMatchObject({ team: 'ml', tier: 'mine' });
    expect(seen.ports).toEqual([expect.stringMatching(/->82\/tcp$/)]);

    // The same files again: nothing to do.
    const again = await envctl(['-f', dir.file, '-f', mine, 'plan'], { cwd: dir.dir, env });
    expect(again.exitCode).toBe(0);
  });

  it('envctl.override.yaml next to the spec is picked up; a bare NAME: that is not set is left out with a warning', async () => {
    writeFileSync(join(dir.dir, 'envctl.override.yaml'), 'environments:\n  web:\n    environment: { MODE: override }\n');
    const validated = await dir.run('validate', '--json');
    expect(validated.exitCode).toBe(0);
    const json = JSON.parse(validated.stdout) as { files: string[]; warnings: { file: string; line: number; message: string }[] };
    expect(json.files).toEqual([dir.file, join(dir.dir, 'envctl.override.yaml')]);
    expect(json.warnings).toEqual([expect.objectContaining({ file: dir.file, line: 7, message: 'HF_HOME is not set in your environment: left out' })]);

    // A problem is located in the file that wrote the value; nothing reaches the engine.
    const override = join(dir.dir, 'envctl.override.yaml');
    writeFileSync(override, 'environments:\n  web:\n    environment: { MODE: override }\n    shm_size: lots\n');
    const refused = await dir.run('plan');
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(`${join(dir.dir, 'envctl.override.yaml')}:4:15: "lots" is not a size`);
    writeFileSync(override, 'environments:\n  web:\n    environment: { MODE: override }\n');

    const applied = await envctl(['-f', dir.file, 'apply', '--yes'], { cwd: dir.dir, env: { HF_HOME: '/data/hf2' } });
    expect(applied.exitCode).toBe(0);
    const seen = await inspectEnv(project, 'web');
    expect(seen.env).toEqual(expect.arrayContaining(['MODE=override', 'KEEP=1', 'HF_HOME=/data/hf2']));
    expect(seen.env.some((e) => e.startsWith('EXTRA='))).toBe(false);
    expect(seen.ports).toHaveLength(2);
  });
});
