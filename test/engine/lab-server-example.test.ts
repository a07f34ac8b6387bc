// examples/lab-server.yaml applied on a real engine (with the local test image and small limits): every person's
// GPUs reach their container, nobody's claims overlap, and a second plan has nothing to do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject, projectTempDir } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { docker, envctl, SpecDir } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';
import { freePortBlock } from '../support/free-port.js';

const example = fileURLToPath(new URL('../../examples/lab-server.yaml', import.meta.url));

describe('examples/lab-server.yaml on a real engine', () => {
  const project = uniqueProject('labsrv');
  const dir = new SpecDir();
  // The example's own variables swap in what this machine has: the local image, runc behind `nvidia`, a memlock
  // limit the host grants (8 MiB at most here), a free block of ports (the example publishes ${LAB_PORTS}1 … ${LAB_PORTS}9).
  const env: Record<string, string> = {
    LAB_PROJECT: project,
    LAB_IMAGE: TEST_IMAGE,
    LAB_TB_IMAGE: TEST_IMAGE,
    LAB_TB_COMMAND: 'httpd -f -p 6006 -h /www',
    LAB_MEMLOCK: String(4 * 1024 * 1024),
  };
  const run = (...args: string[]) => envctl(['-f', dir.file, ...args], { cwd: dir.dir, env });

  beforeAll(async () => {
    await requireEngine();
    env.LAB_PORTS = String((await freePortBlock(10)) / 10);
    // What the variables cannot change: volume names and the dataset path are made this test's own, the cpusets
    // dropped and nofile lowered (this machine has fewer CPUs and lower limits than the server the example describes).
    const text = readFileSync(example, 'utf8')
      .replace(/\b(alice|bob|carol)-home\b/g, `${project}-$1-home`)
      .replaceAll('/srv/datasets', join(projectTempDir(project), 'datasets'))
      .replace(/^\s+cpuset: .*\n/gm, '')
      // dockerd here may open 20000 files at most, below what a GPU server grants.
      .replace('nofile: { soft: 65536, hard: 65536 }', 'nofile: { soft: 4096, hard: 8192 }');
    dir.write(text);
  });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('applies, gives each person their GPUs, and a second plan changes nothing', async () => {
    const plan = await run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout).not.toMatch(/both claim/);

    const apply = await run('apply', '--yes');
    expect(apply.stderr).toBe('');
    expect(apply.exitCode).toBe(0);
    for (const [who, devices] of [['alice', '0,1'], ['bob', '2'], ['carol', '3']] as const) {
      const environ = await docker('exec', `${project}-${who}`, 'cat', '/proc/1/environ');
      expect(environ.split('\0')).toContain(`NVIDIA_VISIBLE_DEVICES=${devices}`);
      expect(await docker('inspect', '-f', '{{.HostConfig.Runtime}} {{.HostConfig.IpcMode}} {{.HostConfig.Init}}', `${project}-${who}`)).toBe('nvidia shareable true');
    }
    expect(await docker('inspect', '-f', '{{.State.Status}} {{json .Config.Healthcheck.Test}}', `${project}-tensorboard`)).toBe(
      'running ["CMD-SHELL","wget -q -O /dev/null http://localhost:6006/"]',
    );

    const again = await run('plan');
    expect(again.stdout).toMatch(/No changes/);
    expect(again.exitCode).toBe(0);
  });
});
