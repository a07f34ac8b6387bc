// `envctl cp` on the real engine, through the built CLI: a folder with files, a subfolder and a symlink goes into an
// environment and comes back out with its modes, contents and link; a single file onto a new name; a folder's
// contents ("dir/."); a stopped environment too (the archive endpoints need no running container); "-" streams a tar;
// errors name the environment.
import { chmodSync, lstatSync, mkdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, projectTempDir } from './support/cleanup-project.js';
import { runMeasured } from './support/measure-peak-rss.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker } from './support/run-cli.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const MiB = 1024 * 1024;
/** Far below the file copied: a copy read whole into memory could not stay under it. */
const RSS_BOUND = 300 * MiB;

const mode = (path: string): string => (lstatSync(path).mode & 0o7777).toString(8);

describe('envctl cp', () => {
  const project = uniqueProject('cp');
  const dir = new SpecDir();
  const local = projectTempDir(project);
  const src = join(local, 'src');

  /** `stat` in the container: "mode type name" per path, for modes and kinds as the container sees them. */
  const statIn = async (env: string, ...paths: string[]): Promise<string> =>
    docker('exec', `${project}-${env}`, 'stat', '-c', '%a %F %n', ...paths);

  beforeAll(async () => {
    await requireEngine();
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 'run.sh'), '#!/bin/sh\necho run\n');
    chmodSync(join(src, 'run.sh'), 0o750);
    writeFileSync(join(src, 'sub', 'secret'), 'only me\n');
    chmodSync(join(src, 'sub', 'secret'), 0o600);
    chmodSync(join(src, 'sub'), 0o711);
    symlinkSync('run.sh', join(src, 'link'));
    const cmd = JSON.stringify(IDLE_COMMAND);
    dir.write(
      [
        'version: 1',
        `project: ${project}`,
        'defaults: { network_mode: none }',
        'environments:',
        `  box: { image: ${TEST_IMAGE}, command: ${cmd} }`,
        `  cold: { image: ${TEST_IMAGE}, command: ${cmd}, state: stopped }`,
        '',
      ].join('\n'),
    );
    const applied = await dir.run('apply', '--yes');
    expect(applied.exitCode, applied.stderr).toBe(0);
  });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('copies a folder in with its modes, files and symlink, then back out the same', async () => {
    const into = await dir.run('cp', src, 'box:/tmp');
    expect(into.exitCode, into.stderr).toBe(0);
    expect(into.stderr).toContain(`copied 2 files, 2 folders, 1 symlink (27 bytes) from ${src} to box:/tmp`);
    expect((await statIn('box', '/tmp/src', '/tmp/src/run.sh', '/tmp/src/sub', '/tmp/src/sub/secret', '/tmp/src/link')).split('\n')).toEqual([
      '755 directory /tmp/src',
      '750 regular file /tmp/src/run.sh',
      '711 directory /tmp/src/sub',
      '600 regular file /tmp/src/sub/secret',
      '777 symbolic link /tmp/src/link',
    ]);
    expect(await docker('exec', `${project}-box`, '/tmp/src/link')).toBe('run');

    const back = join(local, 'back');
    mkdirSync(back);
    const out = await dir.run('cp', 'box:/tmp/src', back);
    expect(out.exitCode, out.stderr).toBe(0);
    expect(mode(join(back, 'src', 'run.sh'))).toBe('750');
    expect(mode(join(back, 'src', 'sub'))).toBe('711');
    expect(mode(join(back, 'src', 'sub', 'secret'))).toBe('600');
    expect(readFileSync(join(back, 'src', 'sub', 'secret'), 'utf8')).toBe('only me\n');
    expect(readlinkSync(join(back, 'src', 'link'))).toBe('run.sh');
  });

  it('copies one file onto a new name both ways, a folder’s contents with "/.", and into a stopped environment', async () => {
    expect((await dir.run('cp', join(src, 'run.sh'), 'box:/bin/run-it')).exitCode).toBe(0);
    expect(await statIn('box', '/bin/run-it')).toBe('750 regular file /bin/run-it');
    const copy = join(local, 'passwd-copy');
    expect((await dir.run('cp', 'box:/etc/passwd', copy)).exitCode).toBe(0);
    expect(readFileSync(copy, 'utf8')).toBe(await docker('exec', `${project}-box`, 'cat', '/etc/passwd').then((s) => `${s}\n`));

    // -L: a symlink named as the source is copied as what it points to.
    await docker('exec', `${project}-box`, 'ln', '-s', '/bin/run-it', '/tmp/link-to-run');
    const followed = join(local, 'followed');
    expect((await dir.run('cp', '-L', 'box:/tmp/link-to-run', followed)).exitCode).toBe(0);
    expect(lstatSync(followed).isFile()).toBe(true);
    expect(readFileSync(followed, 'utf8')).toBe('#!/bin/sh\necho run\n');

    expect((await dir.run('cp', `${join(src, 'sub')}/.`, 'box:/tmp/contents')).exitCode).toBe(0);
    expect(await statIn('box', '/tmp/contents/secret')).toBe('600 regular file /tmp/contents/secret');

    const cold = await dir.run('cp', '--json', join(src, 'run.sh'), 'cold:/tmp/run.sh');
    expect(cold.exitCode, cold.stderr).toBe(0);
    expect(JSON.parse(cold.stdout)).toMatchObject({ ok: true, env: 'cold', container: `${project}-cold`, to: 'cold:/tmp/run.sh', files: 1, bytes: 19 });
    expect(await docker('inspect', '--format', '{{.State.Status}}', `${project}-cold`)).toBe('created');
    const out = join(local, 'from-cold');
    expect((await dir.run('cp', 'cold:/tmp/run.sh', out)).exitCode).toBe(0);
    expect(mode(out)).toBe('750');
  });

  it('streams a 512 MiB file out and back in: envctl’s peak memory stays bounded', async () => {
    await docker('exec', `${project}-box`, 'dd', 'if=/dev/zero', 'of=/tmp/big', 'bs=1048576', 'count=512');
    const big = join(local, 'big');
    const out = await runMeasured(['-f', dir.file, 'cp', 'box:/tmp/big', big], { cwd: dir.dir });
    expect(out.exitCode, out.stderr).toBe(0);
    expect(lstatSync(big).size).toBe(512 * MiB);
    const into = await runMeasured(['-f', dir.file, 'cp', big, 'box:/tmp/big-again'], { cwd: dir.dir });
    expect(into.exitCode, into.stderr).toBe(0);
    expect(await docker('exec', `${project}-box`, 'stat', '-c', '%s', '/tmp/big-again')).toBe(String(512 * MiB));
    console.log(`cp of 512 MiB: out ${(out.durationMs / 1000).toFixed(1)} s, peak RSS ${(out.peakRssBytes / MiB).toFixed(0)} MiB; in ${(into.durationMs / 1000).toFixed(1)} s, peak RSS ${(into.peakRssBytes / MiB).toFixed(0)} MiB`);
    expect(out.peakRssBytes).toBeLessThan(RSS_BOUND);
    expect(into.peakRssBytes).toBeLessThan(RSS_BOUND);
    await docker('exec', `${project}-box`, 'rm', '/tmp/big', '/tmp/big-again');
  });

  it('"-" streams a tar to stdout', async () => {
    await docker('exec', `${project}-box`, 'mkdir', '-p', '/tmp/dash');
    expect((await dir.run('cp', src, 'box:/tmp/dash')).exitCode).toBe(0);
    const r = await execa('sh', ['-c', `node ${join(import.meta.dirname, '../../bin/envctl.js')} -f ${dir.file} cp box:/tmp/dash/src - | tar tvf -`]);
    expect(String(r.stdout)).toMatch(/^-rwxr-x--- .* src\/run\.sh$/m);
    expect(String(r.stdout)).toMatch(/^-rw------- .* src\/sub\/secret$/m);
  });

  it('errors name the environment: a missing path in it, a missing folder, both sides or neither an environment', async () => {
    const missing = await dir.run('cp', 'box:/no/such', local);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('environment "box" has no file or folder /no/such');
    const noFolder = await dir.run('cp', join(src, 'run.sh'), 'box:/no/such/file');
    expect(noFolder.stderr).toContain('environment "box" has no folder /no/such');
    expect(noFolder.stderr).toContain('mkdir -p /no/such');
    const both = await dir.run('cp', 'box:/etc/motd', 'cold:/tmp/');
    expect(both.exitCode).toBe(64);
    const neither = await dir.run('cp', src, join(local, 'x'));
    expect(neither.exitCode).toBe(64);
    expect(neither.stderr).toContain('ENV:PATH');
  });
});
