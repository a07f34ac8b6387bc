// Environment values are secrets until shown otherwise: an engine error that echoes one shows (sensitive), and
// `import --from-container` does not copy the values of names that look secret — on the real engine (the CLI, and the
// engine adapter where validate keeps the CLI from reaching the engine).
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvctlError } from '../../src/errors/envctl-error.js';
import { createAndSettle } from './support/apply-env.js';
import { cleanupProject, removeContainers } from './support/cleanup-project.js';
import { makeEnv } from './support/make-env.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker, envctl } from './support/run-cli.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';
import { rejectionOf } from '../support/expect-error.js';

const SECRET = 'hunter2-s3cr3t';

beforeAll(async () => {
  await requireEngine();
});

describe('an engine error that echoes an environment value', () => {
  const project = uniqueProject('secret-echo');
  const dir = new SpecDir();
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  // runc refuses a NUL byte in a value, quoting the whole entry. envctl's validate refuses it first, so through the CLI
  // the engine never sees it; the engine's own echo is shown through the engine adapter below.
  it('through the CLI, validate refuses the value without quoting it, in text, --json and --debug output', async () => {
    dir.write(
      `version: 1\nproject: ${project}\nenvironments:\n  box:\n    image: ${TEST_IMAGE}\n    command: ${JSON.stringify(IDLE_COMMAND)}\n    environment: { API_TOKEN: "${SECRET}\\0x" }\n`,
    );
    const outputs = [await dir.run('apply', '--yes'), await dir.run('apply', '--yes', '--json'), await dir.run('apply', '--yes', '--debug')];
    for (const r of outputs) {
      expect(r.exitCode).toBe(1);
      expect(`${r.stdout}\n${r.stderr}`).not.toContain(SECRET);
    }
    expect(outputs[0]!.stderr).toContain('the value of environment variable `API_TOKEN` contains a NUL byte');
    expect(outputs[0]!.stderr).toContain('nothing was sent to the engine');
  });

  it("the engine's echo of the entry shows (sensitive) where the value was, in the message and the --debug cause", async () => {
    const engine = await requireEngine();
    const env = makeEnv(project, 'nul', { command: IDLE_COMMAND, environment: { API_TOKEN: `${SECRET}\0x` } });
    const err = await rejectionOf(createAndSettle(engine, env), EnvctlError);
    expect(err.message).toMatch(/^start container \w+: .*OCI runtime create failed: .*"API_TOKEN=\(sensitive\)"/);
    expect(err.cause).toBeInstanceOf(Error);
    const everything = `${err.message}\n${err.hint ?? ''}\n${err.stack ?? ''}\n${(err.cause as Error).message}\n${(err.cause as Error).stack ?? ''}`;
    expect(everything).not.toContain(SECRET);
  });
});

describe('import --from-container', () => {
  const project = uniqueProject('secret-import');
  const name = `${project}-live`;
  const dir = new SpecDir();
  afterAll(async () => {
    await removeContainers(name);
    await cleanupProject(project);
    dir.dispose();
  });

  it('writes names that look secret as `NAME:` (read from the shell at apply) with a comment; other values stay', async () => {
    await execa('docker', ['run', '-d', '--name', name, '-e', `API_TOKEN=${SECRET}`, '-e', `PGPASSWORD=${SECRET}`, '-e', 'MODE=dev', TEST_IMAGE, ...IDLE_COMMAND]);
    const printed = await envctl(['import', '--from-container', name, '--name-as-env', 'live'], { cwd: dir.dir });
    expect(printed.stderr).toBe('');
    expect(printed.exitCode).toBe(0);
    expect(printed.stdout).not.toContain(SECRET);
    expect(printed.stdout).toContain('API_TOKEN: null # value not copied from the container (the name looks secret): set API_TOKEN in your environment when you apply');
    expect(printed.stdout).toContain('PGPASSWORD: null # value not copied');
    expect(printed.stdout).toMatch(/MODE: dev\b/);

    // The pass-through entry is what apply reads from the shell: the container made from the spec gets the value.
    dir.write(`version: 1\nproject: ${project}\nenvironments: {}\n`);
    const written = await envctl(['import', '--from-container', name, '--name-as-env', 'live', '-o', dir.file], { cwd: dir.dir });
    expect(written.exitCode).toBe(0);
    await removeContainers(name);
    const applied = await envctl(['-f', dir.file, 'apply', '--yes'], { cwd: dir.dir, env: { API_TOKEN: SECRET, PGPASSWORD: SECRET } });
    expect(applied.stderr).toBe('');
    expect(applied.exitCode).toBe(0);
    const env = await docker('inspect', '--format', '{{json .Config.Env}}', name);
    expect(JSON.parse(env)).toEqual(expect.arrayContaining([`API_TOKEN=${SECRET}`, `PGPASSWORD=${SECRET}`, 'MODE=dev']));
  });
});
