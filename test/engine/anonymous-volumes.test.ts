// An image's `VOLUME /data` gives a container an anonymous volume. Its data is never lost behind a promise: a
// recreate carries the volume into the new container (whatever on_recreate says about the own layer), the plan names
// it, a second apply changes nothing, and destroy keeps it (named in the plan) unless --volumes.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker } from './support/run-cli.js';
import { IDLE_COMMAND } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';
import { isDangling, makeVolumeImage, mountedVolumes, removeImage, volumeExists } from './support/volume-image.js';

const CMD = JSON.stringify(IDLE_COMMAND);

interface PlanJson {
  actions: { kind: string; resource: string; ownLayer?: { count: number; paths: string[]; policy: string }; anonymousVolumes?: { name: string; target: string; fate: string }[]; volumeName?: string }[];
}

describe('anonymous volumes', () => {
  const project = uniqueProject('anon');
  const image = `envctl-test/${project}:vol`;
  const dir = new SpecDir();
  const name = `${project}-box`;
  /** Images and volumes this test made or kept, removed at the end: nothing else. */
  const madeImages = new Set<string>([image]);
  const keptVolumes = new Set<string>();
  let volume = '';

  const spec = (extra: string, envs = 'box'): string =>
    `version: 1\nproject: ${project}\nenvironments:\n${envs
      .split(',')
      .map((env) => `  ${env}:\n    image: ${image}\n    command: ${CMD}\n${extra}`)
      .join('')}`;
  const planJson = async (...args: string[]): Promise<PlanJson> => JSON.parse((await dir.run('plan', '--json', ...args)).stdout) as PlanJson;
  /** Work in the own layer (so on_recreate matters) next to the data in the volume. */
  const work = (): Promise<string> => docker('exec', name, 'sh', '-c', 'mkdir -p /work && echo code > /work/train.py');

  beforeAll(async () => {
    await requireEngine();
    await makeVolumeImage(image);
    dir.write(spec(''));
    const first = await dir.run('apply', '--yes');
    expect(first.exitCode, first.stderr).toBe(0);
    const mounts = await mountedVolumes(name);
    expect(mounts).toHaveLength(1);
    volume = mounts[0]!.split(' ')[1]!;
    expect(volume).toMatch(/^[0-9a-f]{64}$/);
    await docker('exec', name, 'sh', '-c', 'echo precious > /data/weights.bin');
  });
  afterAll(async () => {
    await cleanupProject(project);
    await execa('docker', ['volume', 'rm', '-f', ...keptVolumes, volume].filter(Boolean), { reject: false });
    await execa('docker', ['rmi', '-f', ...madeImages], { reject: false });
    await removeImage(image);
    dir.dispose();
  });

  const carries = (): string => `= carries anonymous volume /data (${volume.slice(0, 12)}) into the new container`;

  /** The recreated container mounts the very same volume (so the engine made no new one), with the file in it. */
  async function expectCarried(): Promise<void> {
    expect(await mountedVolumes(name)).toEqual([`/data ${volume}`]);
    expect(await docker('exec', name, 'cat', '/data/weights.bin')).toBe('precious');
    expect(await isDangling(volume)).toBe(false);
    // Carried mounts are not drift: a second apply is a no-op.
    expect((await dir.run('plan')).exitCode).toBe(0);
    expect((await dir.run('apply', '--yes')).stdout).toContain('No changes.');
  }

  it('on_recreate: snapshot: the snapshot keeps the layer, the volume is carried, the plan says both', async () => {
    await work();
    dir.write(spec('    shm_size: 96m\n    on_recreate: snapshot\n'));
    const plan = await dir.run('plan');
    expect(plan.stdout).toContain(carries());
    // /data is a mount: not a "changed path" the snapshot would pretend to keep.
    expect(plan.stdout).toMatch(/keeps 1 changed path in a snapshot first: \S+ \(\/work\/train\.py\)/);
    const json = await planJson();
    const recreate = json.actions.find((a) => a.kind === 'recreate')!;
    expect(recreate.anonymousVolumes).toEqual([{ name: volume, target: '/data', readOnly: false, fate: 'carry' }]);
    const tag = /snapshot first: (\S+)/.exec(plan.stdout)![1]!;
    madeImages.add(tag);

    const apply = await dir.run('apply', '--yes');
    expect(apply.exitCode, apply.stderr).toBe(0);
    expect(await docker('run', '--rm', '--entrypoint', 'cat', tag, '/work/train.py')).toBe('code');
    await expectCarried();
  });

  it('on_recreate: refuse: exit 7 with the container untouched; --discard-changes recreates and carries the volume', async () => {
    await work();
    dir.write(spec('    shm_size: 128m\n'));
    const plan = await dir.run('plan');
    expect(plan.stdout).toContain('would lose 1 changed path: /work/train.py — apply refuses');
    expect(plan.stdout).toContain(carries());
    const id = await docker('inspect', '-f', '{{.Id}}', name);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(7);
    expect(await docker('inspect', '-f', '{{.Id}}', name)).toBe(id);
    const apply = await dir.run('apply', '--yes', '--discard-changes');
    expect(apply.exitCode, apply.stderr).toBe(0);
    await expectCarried();
  });

  it('on_recreate: discard: the layer goes, the volume is carried', async () => {
    await work();
    dir.write(spec('    shm_size: 160m\n    on_recreate: discard\n'));
    const plan = await dir.run('plan');
    expect(plan.stdout).toContain('discards 1 changed path (on_recreate: discard): /work/train.py');
    expect(plan.stdout).toContain(carries());
    const apply = await dir.run('apply', '--yes');
    expect(apply.exitCode, apply.stderr).toBe(0);
    expect((await execa('docker', ['exec', name, 'cat', '/work/train.py'], { reject: false })).exitCode).not.toBe(0);
    await expectCarried();
  });

  it('a second recreate carries the carried volume again (it stays anonymous, never becomes a spec mount)', async () => {
    dir.write(spec('    shm_size: 192m\n    on_recreate: discard\n'));
    expect((await planJson()).actions.find((a) => a.kind === 'recreate')?.anonymousVolumes?.[0]?.fate).toBe('carry');
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    await expectCarried();
  });

  it('destroy keeps the anonymous volume and names it; destroy --volumes removes it', async () => {
    const plan = await dir.run('destroy', '--yes');
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`= keeps anonymous volume /data on the engine: ${volume} (destroy --volumes removes it)`);
    expect(plan.stdout).toContain('Volumes were kept, named and anonymous');
    keptVolumes.add(volume);
    expect(await volumeExists(volume)).toBe(true);
    expect(await docker('run', '--rm', '-v', `${volume}:/v`, '--entrypoint', 'cat', image, '/v/weights.bin')).toBe('precious');

    dir.write(spec('    on_recreate: discard\n'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    const fresh = (await mountedVolumes(name))[0]!.split(' ')[1]!;
    const json = JSON.parse((await dir.run('destroy', '--yes', '--volumes', '--json')).stdout) as { ok: boolean; plan: PlanJson };
    expect(json.ok).toBe(true);
    expect(json.plan.actions.find((a) => a.kind === 'remove')?.anonymousVolumes).toEqual([{ name: fresh, target: '/data', readOnly: false, fate: 'remove' }]);
    expect(json.plan.actions.find((a) => a.kind === 'remove-volume')).toMatchObject({ resource: `volume:${fresh.slice(0, 12)}`, volumeName: fresh });
    expect(await volumeExists(fresh)).toBe(false);
  });

  it('a spec that now mounts /data itself: the plan says the old anonymous volume stays, unused, and it does', async () => {
    dir.write(spec('    on_recreate: discard\n'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    const old = (await mountedVolumes(name))[0]!.split(' ')[1]!;
    keptVolumes.add(old);
    dir.write(spec(`    on_recreate: discard\n    volumes: ["${project}-data:/data"]\n`));
    const plan = await dir.run('plan');
    expect(plan.stdout).toContain(`! leaves anonymous volume /data unused on the engine (the spec mounts /data itself now): ${old}`);
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    expect(await mountedVolumes(name)).toEqual([`/data ${project}-data`]);
    expect(await volumeExists(old)).toBe(true);
    expect((await dir.run('plan')).exitCode).toBe(0);
  });

  it('an environment removed from the spec: apply keeps its anonymous volume and names it', async () => {
    dir.write(spec('    on_recreate: discard\n', 'box,gone'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    const gone = (await mountedVolumes(`${project}-gone`))[0]!.split(' ')[1]!;
    keptVolumes.add(gone);
    dir.write(spec('    on_recreate: discard\n'));
    const apply = await dir.run('apply', '--yes');
    expect(apply.exitCode, apply.stderr).toBe(0);
    expect(apply.stdout).toContain(`= keeps anonymous volume /data on the engine: ${gone}`);
    expect(await volumeExists(gone)).toBe(true);
  });
});
