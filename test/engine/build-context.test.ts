// Huge build contexts on a real engine: a context over the limit stops plan and apply before anything is read or sent,
// naming its biggest entry; one the limit allows is hashed and sent as a stream, with the envctl process's peak memory
// measured (sparse files: gigabytes without disk or /dev/urandom); a Dockerfile outside the context works like
// `docker build -f`, and long or non-ASCII names, symlinks and modes arrive as they are.
import { chmodSync, mkdirSync, openSync, symlinkSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { runMeasured } from './support/measure-peak-rss.js';
import { requireEngine } from './support/require-engine.js';
import { docker, dockerMaybe, SpecDir } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
/** Node alone is ~50 MB; the old code needed the whole context in memory (2.1 GB for 8 GB). */
const RSS_BOUND = 300 * MiB;

/** A sparse file of `size` bytes (no disk) ending in `tail`, so the last bytes prove the whole file arrived. */
function sparseFile(path: string, size: number, tail = ''): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, '');
  truncateSync(path, size);
  if (tail === '') return;
  const fd = openSync(path, 'r+');
  writeSync(fd, tail, size - tail.length);
  closeSync(fd);
}

async function removeProjectImages(project: string): Promise<void> {
  const ids = (await docker('images', '-q', '--filter', `label=dev.envctl.project=${project}`)).split('\n').filter(Boolean);
  if (ids.length > 0) await dockerMaybe('rmi', '-f', ...new Set(ids));
}

describe('a build context bigger than the limit', () => {
  const project = uniqueProject('bigctx');
  const dir = new SpecDir();
  const spec = (build: string): string => `version: 1\nproject: ${project}\nenvironments:\n  box:\n    build: ${build}\n`;

  beforeAll(async () => {
    await requireEngine();
    mkdirSync(join(dir.dir, 'ctx'));
    writeFileSync(join(dir.dir, 'ctx', 'Dockerfile'), `FROM ${TEST_IMAGE}\nCOPY app.txt /app.txt\n`);
    writeFileSync(join(dir.dir, 'ctx', 'app.txt'), 'v1\n');
    sparseFile(join(dir.dir, 'ctx', 'dataset.bin'), 3 * GiB, 'END');
  });
  afterAll(async () => {
    await cleanupProject(project);
    await removeProjectImages(project);
    dir.dispose();
  });

  it('stops plan and apply with the default limit, naming the size, the biggest entry and a .dockerignore line; nothing is made', async () => {
    dir.write(spec('./ctx'));
    for (const verb of ['plan', 'apply']) {
      const r = await dir.run(verb, ...(verb === 'apply' ? ['--yes'] : []));
      expect(r.exitCode, `${verb}: ${r.stderr}`).toBe(11);
      expect(r.stderr).toContain(`envctl: error: the build context ${join(dir.dir, 'ctx')} is 3.0 GiB after .dockerignore, more than the default limit (2.0 GiB); biggest: dataset.bin (3.0 GiB), Dockerfile (`);
      expect(r.stderr).toContain(`hint: leave out what the image does not need with a line in ${join(dir.dir, 'ctx', '.dockerignore')} (e.g. \`dataset.bin\`), or raise \`build.max_context\` (e.g. max_context: 4g); nothing was sent`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await docker('ps', '-aq', '--filter', `label=dev.envctl.project=${project}`)).toBe('');
    expect(await docker('images', '-q', '--filter', `label=dev.envctl.project=${project}`)).toBe('');
  });

  it('with max_context allowing it, plan hashes the 3 GiB file as a stream: its peak memory stays bounded', async () => {
    dir.write(spec('{ context: ./ctx, max_context: 4g }'));
    const plan = await runMeasured(['-f', dir.file, 'plan'], { cwd: dir.dir });
    expect(plan.exitCode, plan.stderr).toBe(2);
    expect(plan.stdout).toMatch(/build\s+image:\S+-box:latest\s+not built yet; needed by env:box/);
    console.log(`plan over a 3 GiB context: ${(plan.durationMs / 1000).toFixed(1)} s, peak RSS ${(plan.peakRssBytes / MiB).toFixed(0)} MiB`);
    expect(plan.peakRssBytes).toBeLessThan(RSS_BOUND);
  }, 180_000); // ~2 s of hashing alone; the margin is for 2 cores shared with the rest of the suite
});

describe('a 1 GiB context built for real', () => {
  const project = uniqueProject('gibctx');
  const dir = new SpecDir();

  beforeAll(async () => {
    await requireEngine();
    mkdirSync(join(dir.dir, 'ctx'));
    // The tar is sent in path order: zz-last.txt comes after the 1 GiB file, so the engine finding it proves every
    // byte before it arrived in place, without a 1 GiB layer left on the engine.
    writeFileSync(join(dir.dir, 'ctx', 'Dockerfile'), `FROM ${TEST_IMAGE}\nCOPY zz-last.txt /last.txt\n`);
    sparseFile(join(dir.dir, 'ctx', 'weights.bin'), GiB, 'END');
    writeFileSync(join(dir.dir, 'ctx', 'zz-last.txt'), 'after the gigabyte\n');
    dir.write(`version: 1\nproject: ${project}\nenvironments:\n  box:\n    build: ./ctx\n    command: [sleep, infinity]\n`);
  });
  afterAll(async () => {
    await cleanupProject(project);
    await removeProjectImages(project);
    dir.dispose();
  });

  it('apply sends it as a stream with progress (bytes of total), the engine gets all of it, and peak memory stays bounded', async () => {
    const applied = await runMeasured(['-f', dir.file, 'apply', '--yes'], { cwd: dir.dir });
    expect(applied.exitCode, applied.stderr).toBe(0);
    const progress = applied.stdout.split('\n').filter((l) => l.includes('sending the build context'));
    expect(progress[0]).toMatch(/sending the build context: 0 B of 1\.0 GiB \(0%\)$/);
    expect(progress).toContainEqual(expect.stringMatching(/sending the build context: 512 MiB of 1\.0 GiB \(50%\)$/));
    expect(progress.at(-1)).toMatch(/sending the build context: 1\.0 GiB of 1\.0 GiB \(100%\)$/);
    expect(await docker('exec', `${project}-box`, 'cat', '/last.txt')).toBe('after the gigabyte');
    console.log(`apply of a 1 GiB context: ${(applied.durationMs / 1000).toFixed(1)} s, peak RSS ${(applied.peakRssBytes / MiB).toFixed(0)} MiB`);
    expect(applied.peakRssBytes).toBeLessThan(RSS_BOUND);
    expect((await dir.run('plan')).exitCode).toBe(0);
  }, 180_000);
});

describe('a Dockerfile outside the context, like docker build -f; long and non-ASCII names, symlinks and modes arrive', () => {
  const project = uniqueProject('dfout');
  const LONG_DIR = 'd'.repeat(120);
  const dir = new SpecDir();

  beforeAll(async () => {
    await requireEngine();
    mkdirSync(join(dir.dir, 'docker'));
    mkdirSync(join(dir.dir, 'src'));
    writeFileSync(join(dir.dir, 'docker', 'Dockerfile.dev'), `FROM ${TEST_IMAGE}\nCOPY . /src/\n`);
    writeFileSync(join(dir.dir, 'src', 'main.py'), 'print(1)\n');
    writeFileSync(join(dir.dir, 'src', '.dockerignore'), '*.log\n');
    writeFileSync(join(dir.dir, 'src', 'debug.log'), 'noise\n');
    // What a tar header must carry: a path past ustar's 100 bytes, a non-ASCII name, a symlink, an executable bit.
    mkdirSync(join(dir.dir, 'src', LONG_DIR));
    writeFileSync(join(dir.dir, 'src', LONG_DIR, 'deep.txt'), 'deep\n');
    writeFileSync(join(dir.dir, 'src', 'données.txt'), 'accents\n');
    symlinkSync('main.py', join(dir.dir, 'src', 'link.py'));
    chmodSync(join(dir.dir, 'src', 'main.py'), 0o755);
    dir.write(`version: 1\nproject: ${project}\nenvironments:\n  box:\n    build: { context: ./src, dockerfile: ../docker/Dockerfile.dev }\n    command: [sleep, infinity]\n`);
  });
  afterAll(async () => {
    await cleanupProject(project);
    await removeProjectImages(project);
    dir.dispose();
  });

  it('is built from the context, without itself or ignored files among the copied ones; a second plan changes nothing', async () => {
    const applied = await dir.run('apply', '--yes');
    expect(applied.exitCode, applied.stderr).toBe(0);
    const files = (await docker('exec', `${project}-box`, 'ls', '-A', '/src')).split('\n');
    expect(files).toContain('main.py');
    expect(files).not.toContain('debug.log');
    expect(files.filter((f) => f.startsWith('.dockerfile.'))).toEqual([]);
    expect(await docker('exec', `${project}-box`, 'cat', `/src/${LONG_DIR}/deep.txt`, '/src/données.txt')).toBe('deep\naccents');
    expect(await docker('exec', `${project}-box`, 'readlink', '/src/link.py')).toBe('main.py');
    expect(await docker('exec', `${project}-box`, 'stat', '-c', '%a', '/src/main.py')).toBe('755');
    expect((await dir.run('plan')).exitCode).toBe(0);

    writeFileSync(join(dir.dir, 'docker', 'Dockerfile.dev'), `FROM ${TEST_IMAGE}\nCOPY . /src/\nRUN echo v2 > /version\n`);
    const plan = await dir.run('plan');
    expect(plan.stdout).toMatch(/build\s+image:\S+\s+the build context changed; needed by env:box/);
  });
});
