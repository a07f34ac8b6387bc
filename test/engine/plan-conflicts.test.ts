// Conflicts caught at plan time: a host port held by a process of this machine or by another project's container, and
// a declared volume of another project, stop plan and apply with exit 4, the holder named and nothing created.
import { afterAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { SpecDir, docker } from './support/run-cli.js';
import { cleanupProject } from './support/cleanup-project.js';
import { uniqueProject } from './support/unique-project.js';
import { freePort } from '../support/free-port.js';
import { waitFor } from '../support/wait-for.js';

const IMAGE = 'envctl/busybox:local';

const spec = (project: string, env: string, ports: string): string =>
  `version: 1\nproject: ${project}\nenvironments:\n  ${env}:\n    image: ${IMAGE}\n    ports: [${ports}]\n`;

async function containersOf(project: string): Promise<string> {
  return docker('ps', '-aq', '--filter', `label=dev.envctl.project=${project}`);
}

describe('a host port already held', () => {
  const project = uniqueProject('pc');
  const other = uniqueProject('pco');
  const dir = new SpecDir();
  const otherDir = new SpecDir();
  let server: ReturnType<typeof execa> | null = null;
  afterAll(async () => {
    server?.kill();
    await cleanupProject(project);
    await cleanupProject(other);
    dir.dispose();
    otherDir.dispose();
  });

  it('by a process on this machine (python3 -m http.server): exit 4 at plan and at apply, the process named, nothing created', async () => {
    const port = await freePort();
    server = execa('python3', ['-m', 'http.server', '--bind', '127.0.0.1', String(port)], { reject: false, stdin: 'ignore' });
    const pid = server.pid;
    await waitFor(async () => (await execa('python3', ['-c', `import socket; socket.create_connection(('127.0.0.1', ${port}), 1)`], { reject: false })).exitCode === 0, {
      timeoutMs: 15_000,
      what: `python3 http.server listening on ${port}`,
    });
    dir.write(spec(project, 'web', `"127.0.0.1:${port}:80"`));

    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(4);
    expect(plan.stdout).toContain(`host port 127.0.0.1:${port}/tcp is already held on the engine's machine by python3 (pid ${pid})`);

    const apply = await dir.run('apply', '--yes');
    expect(apply.exitCode).toBe(4);
    expect(apply.stderr).toContain(`python3 (pid ${pid})`);
    expect(apply.stderr).toContain('nothing was changed');
    expect(await containersOf(project)).toBe('');

    // A wildcard binding of the same port clashes with the process's 127.0.0.1 socket too.
    dir.write(spec(project, 'web', `"${port}:80"`));
    const wildcard = await dir.run('plan', '--json');
    expect(wildcard.exitCode).toBe(4);
    const json = JSON.parse(wildcard.stdout) as { conflicts: { resource: string; message: string }[] };
    expect(json.conflicts).toEqual([expect.objectContaining({ resource: 'env:web', message: expect.stringContaining(`python3 (pid ${pid})`) as unknown })]);

    server.kill();
    await server;
    server = null;
    // Once the process is gone the same spec applies.
    const free = await dir.run('apply', '--yes');
    expect(free.exitCode, free.stderr).toBe(0);
  });

  it("by another project's container: exit 4 at plan and at apply, the container named, nothing created; the project's own recreate is no conflict", async () => {
    const port = await freePort();
    otherDir.write(spec(other, 'holder', `"127.0.0.1:${port}:80"`));
    const first = await otherDir.run('apply', '--yes');
    expect(first.exitCode, first.stderr).toBe(0);

    const mine = uniqueProject('pcm');
    const mineDir = new SpecDir().write(spec(mine, 'web', `"${port}:80"`));
    try {
      const plan = await mineDir.run('plan');
      expect(plan.exitCode).toBe(4);
      expect(plan.stdout).toContain(`host port 0.0.0.0:${port}/tcp is already published by a container of envctl project "${other}": ${other}-holder`);
      const apply = await mineDir.run('apply', '--yes');
      expect(apply.exitCode).toBe(4);
      expect(apply.stderr).toContain(`${other}-holder`);
      expect(await containersOf(mine)).toBe('');
    } finally {
      await cleanupProject(mine);
      mineDir.dispose();
    }

    // The holder's own project recreating its container on the same port is not a conflict.
    otherDir.write(`${spec(other, 'holder', `"127.0.0.1:${port}:80"`)}    shm_size: 32m\n`);
    const recreate = await otherDir.run('apply', '--yes');
    expect(recreate.exitCode, recreate.stderr).toBe(0);
    expect(recreate.stdout).toMatch(/recreate/);
  });
});

describe('a declared volume another project made', () => {
  const project = uniqueProject('pv');
  const other = uniqueProject('pvo');
  const dir = new SpecDir();
  afterAll(async () => {
    await cleanupProject(project);
    await cleanupProject(other);
    dir.dispose();
  });

  it('is a conflict naming the project; nothing is created', async () => {
    const volume = `${other}-data`;
    await docker('volume', 'create', '--label', `dev.envctl.project=${other}`, volume);
    dir.write(`version: 1\nproject: ${project}\nvolumes:\n  ${volume}: {}\nenvironments:\n  box:\n    image: ${IMAGE}\n    volumes: ["${volume}:/data"]\n`);
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(4);
    expect(plan.stdout).toContain(`volume "${volume}" belongs to envctl project "${other}"`);
    const apply = await dir.run('apply', '--yes');
    expect(apply.exitCode).toBe(4);
    expect(await containersOf(project)).toBe('');
  });
});
