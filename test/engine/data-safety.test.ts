// Work inside a container is never thrown away silently: own-layer changes stop a recreate, a snapshot keeps them,
// save/load moves them to another engine; and two applies of one project never run at once.
import { execa } from 'execa';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireProjectLock } from '../../src/apply/lock/project-lock.js';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker, dockerMaybe } from './support/run-cli.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';
import { waitForOutput } from '../support/wait-for.js';

const CMD = JSON.stringify(IDLE_COMMAND);
const BIN = resolve(import.meta.dirname, '../../bin/envctl.js');

function spec(project: string, extra = ''): string {
  return `version: 1\nproject: ${project}\nenvironments:\n  box:\n    image: ${TEST_IMAGE}\n    command: ${CMD}\n    volumes: ["${project}-home:/home/data"]\n${extra}`;
}

/** Images this test made (snapshots), removed afterwards: never anything else. */
const madeImages = new Set<string>();
async function removeMadeImages(): Promise<void> {
  if (madeImages.size > 0) await execa('docker', ['rmi', '-f', ...madeImages], { reject: false });
}

describe('own-layer changes', () => {
  const project = uniqueProject('safe');
  const dir = new SpecDir();
  const name = `${project}-box`;
  let firstId = '';

  beforeAll(async () => {
    await requireEngine();
    dir.write(spec(project));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    firstId = await docker('inspect', '-f', '{{.Id}}', name);
    // Work, plus noise the default list ignores, plus data in the named volume (not in the layer).
    await docker('exec', name, 'sh', '-c',
      'mkdir -p /work/src && echo model > /work/src/train.py && echo x > /etc/motd && mkdir -p /root && echo ls > /root/.ash_history && touch /tmp/scratch && echo v > /home/data/in-volume');
  });
  afterAll(async () => {
    await cleanupProject(project);
    await removeMadeImages();
    dir.dispose();
  });

  it('a shm change: the plan lists the changed paths, apply refuses with exit 7, the container is untouched', async () => {
    dir.write(spec(project, '    shm_size: 128m\n'));
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toContain('would lose 2 changed paths: /etc/motd, /work/src/train.py');
    expect(plan.stdout).not.toContain('/tmp/scratch');
    expect(plan.stdout).not.toContain('.ash_history');

    const json = JSON.parse((await dir.run('plan', '--json')).stdout) as { actions: { kind: string; ownLayer?: { count: number; policy: string } }[] };
    expect(json.actions.find((a) => a.kind === 'recreate')?.ownLayer).toMatchObject({ count: 2, policy: 'refuse' });

    const apply = await dir.run('apply', '--yes');
    expect(apply.exitCode).toBe(7);
    expect(apply.stderr).toContain('recreate env:box would lose 2 changed paths; nothing was changed');
    expect(apply.stderr).toContain('--discard-changes');
    expect(await docker('inspect', '-f', '{{.Id}} {{.State.Status}} {{.HostConfig.ShmSize}}', name)).toBe(`${firstId} running 67108864`);
    expect(await docker('exec', name, 'cat', '/work/src/train.py')).toBe('model');
  });

  it('ignore_changes globs leave those paths out', async () => {
    dir.write(spec(project, '    shm_size: 128m\n    ignore_changes: ["/etc/motd", "/work/**"]\n'));
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).not.toContain('changed path');
  });

  it('with on_recreate: snapshot, apply commits the work to the tag shown in the plan, then recreates', async () => {
    dir.write(spec(project, '    shm_size: 128m\n    on_recreate: snapshot\n'));
    const tag = `envctl/${project}-box:before-recreate-${firstId.slice(0, 12)}`;
    madeImages.add(tag);
    const plan = await dir.run('plan');
    expect(plan.stdout).toContain(`keeps 2 changed paths in a snapshot first: ${tag}`);

    const apply = await dir.run('apply', '--yes');
    expect(apply.exitCode, apply.stderr).toBe(0);
    expect(await docker('inspect', '-f', '{{.HostConfig.ShmSize}}', name)).toBe(String(128 * 1024 * 1024));
    // The work survives in the image, labelled as envctl's; the volume data survived the recreate on its own.
    expect(await docker('run', '--rm', '--entrypoint', 'cat', tag, '/work/src/train.py')).toBe('model');
    expect(await docker('image', 'inspect', '-f', '{{index .Config.Labels "dev.envctl.project"}} {{index .Config.Labels "dev.envctl.env"}}', tag)).toBe(`${project} box`);
    expect(await docker('exec', name, 'cat', '/home/data/in-volume')).toBe('v');
    expect((await dir.run('plan')).exitCode).toBe(0);
  });

  it('--discard-changes lets a refused recreate go ahead', async () => {
    await docker('exec', name, 'sh', '-c', 'echo again > /etc/motd');
    dir.write(spec(project, '    shm_size: 96m\n'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(7);
    const apply = await dir.run('apply', '--yes', '--discard-changes');
    expect(apply.exitCode, apply.stderr).toBe(0);
    expect((await dir.run('plan')).exitCode).toBe(0);
  });

  it('destroy protects the work the same way: listed, refused (exit 7) even with --yes, until --discard-changes', async () => {
    await docker('exec', name, 'sh', '-c', 'mkdir -p /work && echo notes > /work/notes.txt');
    const id = await docker('inspect', '-f', '{{.Id}}', name);
    const refused = await dir.run('destroy', '--yes');
    expect(refused.exitCode).toBe(7);
    expect(refused.stdout).toContain('would lose 1 changed path: /work/notes.txt');
    expect(refused.stderr).toContain('envctl destroy --discard-changes');
    expect(await docker('inspect', '-f', '{{.Id}}', name)).toBe(id);
    const destroyed = await dir.run('destroy', '--yes', '--discard-changes');
    expect(destroyed.exitCode, destroyed.stderr).toBe(0);
    expect((await dockerMaybe('inspect', name)).ok).toBe(false);
  });
});

describe('snapshot, snapshots, save → rmi → load', () => {
  const project = uniqueProject('snap');
  const dir = new SpecDir();
  const name = `${project}-box`;
  const tarDir = mkdtempSync(join(tmpdir(), 'envctl-save-'));
  const tag = `envctl/${project}-box:migrate`;

  beforeAll(async () => {
    await requireEngine();
    madeImages.add(tag);
    dir.write(spec(project));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    await docker('exec', name, 'sh', '-c', 'mkdir -p /work && echo weights > /work/model.bin');
  });
  afterAll(async () => {
    await cleanupProject(project);
    await removeMadeImages();
    rmSync(tarDir, { recursive: true, force: true });
    dir.dispose();
  });

  it('snapshot commits a labelled image with the message, and snapshots lists it', async () => {
    const snapTag = `envctl/${project}-box:manual`;
    madeImages.add(snapTag);
    const r = await dir.run('snapshot', 'box', '--tag', snapTag, '-m', 'before the big refactor');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain(`(env:box, 1 changed path): ${snapTag}`);
    const list = JSON.parse((await dir.run('snapshots', '--project', project, '--json')).stdout) as { snapshots: { ref: string; env: string; message: string; container: string }[] };
    expect(list.snapshots).toEqual([expect.objectContaining({ ref: snapTag, env: 'box', message: 'before the big refactor', container: name })]);
    expect((await dir.run('snapshots')).stdout).toContain(snapTag);
  });

  it('save writes a tar (snapshot first), rmi, load brings it back, and a spec can run it', async () => {
    const file = join(tarDir, 'box.tar');
    const save = await dir.run('save', 'box', '-o', file, '--tag', tag);
    expect(save.exitCode, save.stderr).toBe(0);
    expect(save.stderr).toMatch(/saving .*100%/);
    expect(existsSync(file)).toBe(true);

    await docker('rmi', tag);
    expect((await dockerMaybe('image', 'inspect', tag)).ok).toBe(false);

    const load = await dir.run('load', file);
    expect(load.exitCode, load.stderr).toBe(0);
    expect(load.stdout).toContain(`Loaded ${tag}`);
    expect(load.stderr).toContain('loading');

    // `image:` pointed at the snapshot: the work is there in a fresh container.
    dir.write(`${spec(project)}  moved:\n    image: ${tag}\n    command: ${CMD}\n`);
    const apply = await dir.run('apply', '--yes');
    expect(apply.exitCode, apply.stderr).toBe(0);
    expect(await docker('exec', `${project}-moved`, 'cat', '/work/model.bin')).toBe('weights');
  });
});

describe('the engine-side lock', () => {
  const project = uniqueProject('lock');
  const dir = new SpecDir();

  beforeAll(async () => {
    await requireEngine();
    dir.write(`version: 1\nproject: ${project}\nenvironments:\n${['a', 'b', 'c'].map((n) => `  ${n}:\n    image: ${TEST_IMAGE}\n    command: ${CMD}\n`).join('')}`);
  });
  afterAll(async () => {
    await execa('docker', ['rm', '-f', `envctl-lock-${project}`], { reject: false });
    await cleanupProject(project);
    dir.dispose();
  });

  it('an apply while another holds the lock waits, says who holds it, and gives up with exit 8', async () => {
    const engine = await requireEngine();
    const held = await acquireProjectLock(engine, project, { command: 'apply', timeoutMs: 0 });
    try {
      const r = await dir.run('apply', '--yes', '--lock-timeout', '1s');
      expect(r.exitCode).toBe(8);
      expect(r.stderr).toMatch(new RegExp(`waiting for the lock envctl-lock-${project}: held by .+@.+ \\(pid ${process.pid}, envctl apply\\) since `));
      expect(r.stderr).toContain('gave up after 1s');
      // plan never takes the lock.
      expect((await dir.run('plan')).exitCode).toBe(2);
    } finally {
      await held.release();
    }
  });

  it('envctl unlock refuses a lock whose holder still runs (this test), and --force removes it', async () => {
    const engine = await requireEngine();
    await acquireProjectLock(engine, project, { command: 'apply', timeoutMs: 0 });
    const refused = await dir.run('unlock');
    expect(refused.exitCode).toBe(12);
    expect(refused.stderr).toContain(`(pid ${process.pid}, envctl apply)`);
    const r = await dir.run('unlock', '--force');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Removed the lock of project "${project}", held by`);
    expect((await dir.run('unlock')).stdout).toContain('is not locked');
  });

  it('two concurrent applies: one waits for the other and says why; the end state is consistent', async () => {
    const engine = await requireEngine();
    // Both start while the test holds the lock, so they really overlap; once both wait for it, the test lets go.
    const held = await acquireProjectLock(engine, project, { command: 'apply', timeoutMs: 0 });
    const start = () => execa('node', [BIN, '-f', dir.file, 'apply', '--yes'], { reject: false, stdin: 'ignore', env: { NO_COLOR: '1' } });
    const first = start();
    const second = start();
    const waiting = `envctl: waiting for the lock envctl-lock-${project}: held by`;
    try {
      await Promise.all([waitForOutput(first, 'stderr', waiting), waitForOutput(second, 'stderr', waiting)]);
    } finally {
      await held.release();
    }
    const [r1, r2] = await Promise.all([first, second]);
    expect([r1.exitCode, r2.exitCode]).toEqual([0, 0]);
    // One of them waited for the OTHER apply (named by its pid), not only for the test's lock.
    const waitedForOther =
      String(r1.stderr).includes(`pid ${second.pid}, envctl apply`) || String(r2.stderr).includes(`pid ${first.pid}, envctl apply`);
    expect(waitedForOther, `${r1.stderr}\n---\n${r2.stderr}`).toBe(true);
    const names = await docker('ps', '-a', '--filter', `label=dev.envctl.project=${project}`, '--format', '{{.Names}} {{.State}}');
    expect(names.split('\n').sort()).toEqual(['a', 'b', 'c'].map((n) => `${project}-${n} running`));
    expect((await dir.run('plan')).exitCode).toBe(0);
    expect((await dockerMaybe('inspect', `envctl-lock-${project}`)).ok).toBe(false);
  });
});
