// What the engine itself writes into a container's own layer is not the user's work: an untouched environment with
// init, a missing working_dir, mounts (binds, files, named, anonymous, tmpfs, under a symlinked folder), a device
// outside /dev, or user/hostname/dns options recreates and is destroyed without --discard-changes. Work written in
// those same folders still counts, path for path.
import { execa } from 'execa';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, projectTempDir } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker } from './support/run-cli.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';
import { makeVolumeImage, mountedVolumes, removeImage } from './support/volume-image.js';

const CMD = JSON.stringify(IDLE_COMMAND);

interface Case {
  env: string;
  /** The spec lines of this environment (besides image and command). */
  fields: string;
  /** The volume image (VOLUME /data, /sbin → usr/sbin) rather than the plain test image. */
  volumeImage?: boolean;
  /** What `docker diff` lists on the untouched container: the engine's own doing (measured on Docker 20.10). */
  engineDiff: string[];
  /** Work a person writes in the same places (run as root), and the paths the plan must then list. */
  work: string;
  lost: string[];
}

describe('paths the engine adds', () => {
  const project = uniqueProject('enginepaths');
  const image = `envctl-test/${project}:vol`;
  const tmp = projectTempDir(project);
  const dir = new SpecDir();
  const cases: Case[] = [
    { env: 'init', fields: '    init: true\n', volumeImage: true,
      engineDiff: ['A /data', 'C /usr', 'C /usr/sbin', 'A /usr/sbin/docker-init'],
      work: 'echo x > /sbin/mine', lost: ['/usr/sbin/mine'] },
    { env: 'init-plain', fields: '    init: true\n',
      engineDiff: ['A /sbin', 'A /sbin/docker-init'],
      work: 'echo x > /sbin/mine', lost: ['/sbin/mine'] },
    { env: 'workdir', fields: '    working_dir: /work/deep/wd\n',
      engineDiff: ['A /work', 'A /work/deep', 'A /work/deep/wd'],
      work: 'echo x > /work/deep/wd/notes.txt && echo y > /work/deep/other.txt', lost: ['/work/deep/other.txt', '/work/deep/wd/notes.txt'] },
    { env: 'bind', fields: `    volumes: ["${tmp}/src:/deep/a/bindtarget"]\n`,
      engineDiff: ['A /deep', 'A /deep/a', 'A /deep/a/bindtarget'],
      work: 'echo x > /deep/a/mine.txt', lost: ['/deep/a/mine.txt'] },
    { env: 'file', fields: `    volumes: ["${tmp}/file.txt:/etc/bound.txt"]\n`,
      engineDiff: ['C /etc', 'A /etc/bound.txt'],
      work: 'echo x > /etc/mine.conf', lost: ['/etc/mine.conf'] },
    { env: 'named', fields: `    volumes: ["${project}-v:/volt/x"]\n`,
      engineDiff: ['A /volt', 'A /volt/x'],
      work: 'echo x > /volt/mine', lost: ['/volt/mine'] },
    { env: 'linked', fields: `    volumes: ["${project}-v2:/sbin/tool"]\n`, volumeImage: true,
      engineDiff: ['A /data', 'C /usr', 'C /usr/sbin', 'A /usr/sbin/tool'],
      work: 'echo x > /usr/sbin/mine && echo y > /data/in-volume', lost: ['/usr/sbin/mine'] },
    { env: 'tmpfs', fields: '    tmpfs: ["/scratch/t"]\n',
      engineDiff: ['A /scratch', 'A /scratch/t'],
      work: 'echo x > /scratch/mine && echo y > /scratch/t/in-tmpfs', lost: ['/scratch/mine'] },
    { env: 'device', fields: '    devices: ["/dev/null:/opt/devnull"]\n',
      engineDiff: ['A /opt', 'A /opt/devnull'],
      work: 'echo x > /opt/mine', lost: ['/opt/mine'] },
    { env: 'anon', fields: '', volumeImage: true,
      engineDiff: ['A /data'],
      work: 'echo x > /mine.txt && echo y > /data/in-volume', lost: ['/mine.txt'] },
    { env: 'rest', fields: '    user: "1000:1000"\n    hostname: box\n    dns: [127.0.0.53]\n    dns_search: [lab.internal]\n    extra_hosts: ["db:10.0.0.5"]\n    ipc: shareable\n    cap_add: [SYS_PTRACE]\n',
      engineDiff: [],
      work: 'echo x > /etc/rest.conf', lost: ['/etc/rest.conf'] },
  ];
  const spec = (shm: string): string =>
    `version: 1\nproject: ${project}\ndefaults:\n  shm_size: ${shm}\nenvironments:\n${cases
      .map((c) => `  ${c.env}:\n    image: ${c.volumeImage ? image : TEST_IMAGE}\n    command: ${CMD}\n${c.fields}`)
      .join('')}`;
  const container = (env: string): string => `${project}-${env}`;
  const byPath = (lines: string[]): string[] => [...lines].sort((a, b) => (a.slice(2) < b.slice(2) ? -1 : 1));
  const diff = async (env: string): Promise<string[]> => byPath((await docker('diff', container(env))).split('\n').filter(Boolean));

  beforeAll(async () => {
    await requireEngine();
    await makeVolumeImage(image);
    mkdirSync(join(tmp, 'src'), { recursive: true });
    writeFileSync(join(tmp, 'file.txt'), 'bound\n');
    dir.write(spec('64m'));
    const r = await dir.run('apply', '--yes', '--allow-dangerous');
    expect(r.exitCode, r.stderr).toBe(0);
  });
  /** Anonymous volumes destroy kept (as it should): removed at the end. */
  const kept: string[] = [];
  afterAll(async () => {
    await cleanupProject(project);
    if (kept.length > 0) await execa('docker', ['volume', 'rm', '-f', ...kept], { reject: false });
    await removeImage(image);
    dir.dispose();
  });

  it('an untouched container of each kind: docker diff lists exactly what the engine added', async () => {
    for (const c of cases) expect(await diff(c.env), c.env).toEqual(byPath(c.engineDiff));
  });

  it('recreating them all needs no --discard-changes: the plan lists no changed path', async () => {
    dir.write(spec('96m'));
    const plan = await dir.run('plan', '--allow-dangerous');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).toContain(`Plan: ${cases.length} to recreate.`);
    expect(plan.stdout).not.toContain('changed path');
    const apply = await dir.run('apply', '--yes', '--allow-dangerous');
    expect(apply.exitCode, `${apply.stdout}\n${apply.stderr}`).toBe(0);
    expect((await dir.run('plan', '--allow-dangerous')).exitCode).toBe(0);
  });

  it('destroying them all needs no --discard-changes either', async () => {
    for (const c of cases) kept.push(...(await mountedVolumes(container(c.env))).map((l) => l.split(' ')[1]!).filter((n) => /^[0-9a-f]{64}$/.test(n)));
    expect(kept).toHaveLength(3);
    const destroy = await dir.run('destroy', '--yes');
    expect(destroy.exitCode, `${destroy.stdout}\n${destroy.stderr}`).toBe(0);
    expect(destroy.stdout).not.toContain('changed path');
    expect(await docker('ps', '-aq', '--filter', `label=dev.envctl.project=${project}`)).toBe('');
  });

  it('work in the same folders still counts, path for path; apply and destroy refuse', async () => {
    expect((await dir.run('apply', '--yes', '--allow-dangerous')).exitCode).toBe(0);
    for (const c of cases) await docker('exec', '-u', '0', container(c.env), 'sh', '-c', c.work);
    dir.write(spec('128m'));
    const json = JSON.parse((await dir.run('plan', '--json', '--allow-dangerous')).stdout) as { actions: { resource: string; ownLayer?: { count: number; paths: string[] } }[] };
    for (const c of cases) {
      const action = json.actions.find((a) => a.resource === `env:${c.env}`);
      expect(action?.ownLayer, c.env).toMatchObject({ count: c.lost.length, paths: c.lost });
    }
    expect((await dir.run('apply', '--yes', '--allow-dangerous')).exitCode).toBe(7);

    const destroy = await dir.run('destroy', '--yes');
    expect(destroy.exitCode).toBe(7);
    expect(destroy.stdout).toContain('would lose 1 changed path: /usr/sbin/mine — destroy refuses');
    expect(destroy.stdout).not.toContain('apply refuses');
    expect(destroy.stderr).toContain('destroy refuses to remove work: env:anon would lose 1 changed path;');
    expect(destroy.stderr).toContain('envctl destroy --discard-changes');
  });
});
