// Where images come from, on a real engine: `build:` builds from a context and rebuilds exactly when the context
// changes; `pull_policy` pulls from a real registry (Debian's docker-registry on 127.0.0.1:5000, started by
// scripts/registry-up.sh) when missing, keeps up with it when `always`, and refuses when `never`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { docker, dockerMaybe, SpecDir } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const ROOT = resolve(import.meta.dirname, '../..');
// The docker CLI may be newer than the engine: the classic builder is what envctl uses too.
const CLASSIC = { env: { DOCKER_BUILDKIT: '0' } };

async function removeProjectImages(project: string): Promise<void> {
  const ids = (await docker('images', '-q', '--filter', `label=dev.envctl.project=${project}`)).split('\n').filter(Boolean);
  if (ids.length > 0) await dockerMaybe('rmi', '-f', ...new Set(ids));
}

describe('build: an image from a context folder', () => {
  const project = uniqueProject('build');
  const dir = new SpecDir();
  const ctx = (path: string, text: string): void => {
    mkdirSync(join(dir.dir, 'ctx', path, '..'), { recursive: true });
    writeFileSync(join(dir.dir, 'ctx', path), text);
  };
  const spec = (extra = ''): string =>
    `version: 1\nproject: ${project}\nenvironments:\n  box:\n    build: { context: ./ctx, args: { GREETING: hello } }\n${extra}`;

  beforeAll(async () => {
    await requireEngine();
    ctx('Dockerfile', `FROM ${TEST_IMAGE}\nARG GREETING=hi\nRUN echo "$GREETING" > /greeting\nCOPY app.txt /app.txt\n`);
    ctx('app.txt', 'v1\n');
    ctx('.dockerignore', 'notes/\n');
    ctx('notes/todo.txt', 'a\n');
    dir.write(spec());
  });
  afterAll(async () => {
    await cleanupProject(project);
    await removeProjectImages(project);
    dir.dispose();
  });

  it('apply builds the image, runs the container from it, and a second plan changes nothing', async () => {
    const applied = await dir.run('apply', '--yes');
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(new RegExp(`build\\s+image:${project}-box:latest\\s+not built yet; needed by env:box`));
    expect(await docker('exec', `${project}-box`, 'cat', '/greeting', '/app.txt')).toBe('hello\nv1');
    const labels = JSON.parse(await docker('image', 'inspect', '--format', '{{json .Config.Labels}}', `${project}-box:latest`)) as Record<string, string>;
    expect(labels).toMatchObject({ 'dev.envctl.project': project, 'dev.envctl.env': 'box', 'dev.envctl.role': 'build' });
    expect(labels['dev.envctl.build-hash']).toMatch(/^[0-9a-f]{32}$/);
    expect((await dir.run('plan')).exitCode).toBe(0);
  });

  it('a changed file in the context rebuilds and recreates; a file .dockerignore leaves out changes nothing', async () => {
    ctx('notes/todo.txt', 'b\n');
    expect((await dir.run('plan')).exitCode).toBe(0);

    ctx('app.txt', 'v2\n');
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toMatch(/build\s+image:\S+\s+the build context changed; needed by env:box/);
    expect(plan.stdout).toMatch(/recreate\s+env:box\s+image [0-9a-f]{12} → a new build forces recreate/);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    expect(await docker('exec', `${project}-box`, 'cat', '/app.txt')).toBe('v2');
    expect((await dir.run('plan')).exitCode).toBe(0);
  });

  it('a container someone runs by hand from the built image is not taken for the environment', async () => {
    await docker('run', '-d', '--name', `${project}-by-hand`, `${project}-box:latest`);
    const plan = await dir.run('plan');
    expect(plan.exitCode, plan.stdout).toBe(0);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    expect(await docker('inspect', '--format', '{{.State.Running}}', `${project}-by-hand`)).toBe('true');
  });

  it('a failing build step is reported in the build’s own words, and nothing is created for that environment', async () => {
    ctx('bad/Dockerfile', `FROM ${TEST_IMAGE}\nRUN exit 3\n`);
    dir.write(spec('  bad:\n    build: ./ctx/bad\n'));
    const applied = await dir.run('apply', '--yes');
    expect(applied.exitCode).toBe(1);
    expect(`${applied.stdout}${applied.stderr}`).toMatch(/build \S+-bad:latest: The command '\/bin\/sh -c exit 3' returned a non-zero code: 3/);
    expect(await docker('ps', '-aq', '--filter', `name=^${project}-bad$`)).toBe('');
    expect(await docker('inspect', '--format', '{{.State.Running}}', `${project}-box`)).toBe('true');
  });
});

describe('pull_policy with a real registry', () => {
  const project = uniqueProject('pull');
  const dir = new SpecDir();
  const ref = `127.0.0.1:5000/envctl-test/${project}:1`;
  const spec = (policy: string, extra = ''): string =>
    `version: 1\nproject: ${project}\nenvironments:\n  app:\n    image: ${ref}\n    pull_policy: ${policy}\n${extra}`;
  const imageId = (name: string): Promise<string> => docker('image', 'inspect', '--format', '{{.Id}}', name);

  beforeAll(async () => {
    await requireEngine();
    await execa('bash', [join(ROOT, 'scripts', 'registry-up.sh')]);
    await docker('tag', TEST_IMAGE, ref);
    await docker('push', ref);
  }, 180_000);
  afterAll(async () => {
    await cleanupProject(project);
    await dockerMaybe('rmi', '-f', ref);
    dir.dispose();
  });

  it('missing (the default): an image that is not here is pulled from the registry', async () => {
    await docker('rmi', ref);
    dir.write(spec('missing'));
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toMatch(/pull\s+image:127\.0\.0\.1:5000\/\S+\s+not present locally; needed by env:app/);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    expect(await docker('inspect', '--format', '{{.State.Running}}', `${project}-app`)).toBe('true');
    expect((await dir.run('plan')).exitCode).toBe(0);
  });

  it('always: nothing to do while the registry serves the same image; a newer one is pulled and the container recreated', async () => {
    dir.write(spec('always'));
    expect((await dir.run('plan')).exitCode).toBe(0);

    // Someone pushes a newer image under the same reference; this engine still has the old one under it.
    const old = await imageId(ref);
    await execa('docker', ['build', '-q', '-t', ref, '-'], { input: `FROM ${TEST_IMAGE}\nRUN echo v2 > /version\n`, ...CLASSIC });
    await docker('push', ref);
    const newer = await imageId(ref);
    await docker('tag', old, ref);

    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toMatch(/pull\s+image:\S+\s+the registry has a newer image \([0-9a-f]{12}\); needed by env:app/);
    expect(plan.stdout).toMatch(/recreate\s+env:app\s+image [0-9a-f]{12} → registry [0-9a-f]{12} forces recreate/);
    const applied = await dir.run('apply', '--yes');
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(await docker('inspect', '--format', '{{.Image}}', `${project}-app`)).toBe(newer);
    expect(await docker('exec', `${project}-app`, 'cat', '/version')).toBe('v2');
    expect((await dir.run('plan')).exitCode).toBe(0);
  });

  it('always, with a reference the registry does not know: one sentence from the registry and a hint, exit 1', async () => {
    const unknown = `127.0.0.1:5000/envctl-test/${project}-unknown:1`;
    dir.write(`version: 1\nproject: ${project}\nenvironments:\n  ghost:\n    image: ${unknown}\n    pull_policy: always\n`);
    const r = await dir.run('plan');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`envctl: error: ask the registry about ${unknown}: manifest unknown`);
    expect(r.stderr).toContain('hint: pull_policy: always asks the registry at every plan');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('never: an environment whose image is not here is refused before anything is made', async () => {
    const absent = `127.0.0.1:5000/envctl-test/${project}-never:1`;
    dir.write(`${spec('always')}  strict:\n    image: ${absent}\n    pull_policy: never\n`);
    for (const verb of ['plan', 'apply']) {
      const r = await dir.run(verb, ...(verb === 'apply' ? ['--yes'] : []));
      expect(r.exitCode, verb).toBe(10);
      expect(r.stderr).toContain(`${absent} (env strict): not on the engine, and pull_policy is never; nothing was changed`);
    }
    expect(await docker('ps', '-aq', '--filter', `name=^${project}-strict$`)).toBe('');
  });
});
