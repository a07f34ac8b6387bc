// Spec edges, with the real CLI and engine: a bind-mount source that does not exist is a plan warning where it can be
// checked (the engine is on this machine) and silence where it cannot (another machine's engine); a pasted docker run
// line with $(pwd) or backticks says the shell never ran them; `import -o` writes `project:` into a new spec.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupProject } from './support/cleanup-project.js';
import { engineSocketPath } from './support/counting-proxy.js';
import { requireEngine } from './support/require-engine.js';
import { envctl, SpecDir } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';

/** The shared engine behind a loopback TCP address: to envctl, an engine on another machine. */
async function tcpForward(): Promise<{ host: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = createConnection(engineSocketPath());
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    host: `tcp://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('a bind-mount source that does not exist', () => {
  const project = uniqueProject('binds');
  const dir = new SpecDir();
  const missingFile = (): string => join(dir.dir, 'conf', 'app.yaml');
  const warning = (env: string, path: string): string =>
    `  ! env:${env} mounts ${path}, which does not exist: docker would create it as an empty directory owned by root (even if a file was meant)`;

  beforeAll(async () => {
    await requireEngine();
    mkdirSync(join(dir.dir, 'data'));
  });
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('is a warning in the plan when the engine is on this machine; apply goes ahead as docker would', async () => {
    dir.write(`version: 1\nproject: ${project}\nenvironments:\n  box:\n    image: ${TEST_IMAGE}\n    network_mode: none\n    volumes: ["./conf/app.yaml:/etc/app.yaml:ro", "./data:/data"]\n`);
    const plan = await dir.run('plan');
    expect(plan.exitCode).toBe(2);
    expect(plan.stdout.split('\n').filter((l) => l.startsWith('  ! '))).toEqual([warning('box', missingFile())]);

    const applied = await dir.run('apply', '--yes');
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(warning('box', missingFile()));
    // What the warning was about: the engine made a directory where a file was meant.
    expect(statSync(missingFile()).isDirectory()).toBe(true);
    const again = await dir.run('plan');
    expect(again.exitCode).toBe(0);
    expect(again.stdout).not.toContain('does not exist');
  });

  it('says nothing for an engine on another machine (a hosts: entry), whose files it cannot see', async () => {
    const far = await tcpForward();
    try {
      dir.write(
        `version: 1\nproject: ${project}-far\nhosts:\n  far: { docker_host: "${far.host}" }\nenvironments:\n` +
          `  remote: { image: ${TEST_IMAGE}, host: far, volumes: ["/nonexistent-${project}/a:/a"] }\n` +
          `  local: { image: ${TEST_IMAGE}, volumes: ["/nonexistent-${project}/b:/b"] }\n`,
      );
      const plan = await dir.run('plan');
      expect(plan.exitCode, plan.stderr).toBe(2);
      expect(plan.stdout).toContain(`On engine far (${far.host}):`);
      expect(plan.stdout.split('\n').filter((l) => l.startsWith('  ! '))).toEqual([warning('local', `/nonexistent-${project}/b`)]);
    } finally {
      await far.close();
    }
  });
});

describe('envctl import', () => {
  const dir = new SpecDir();
  afterAll(() => dir.dispose());

  it('a pasted line with $(pwd) or backticks says the shell never ran them and how to let it; nothing is written', async () => {
    const out = join(dir.dir, 'pasted.yaml');
    for (const [line, shown] of [
      ['docker run -d -v $(pwd)/data:/data busybox', '`$(pwd)`'],
      ['docker run -d -v `pwd`/data:/data busybox', '`pwd`'],
    ] as const) {
      const r = await envctl(['import', '-o', out, line], { cwd: dir.dir });
      expect(r.exitCode, r.stderr).toBe(64);
      expect(r.stderr).toContain(`envctl: error: ${shown} is a command substitution: the shell did not run it (the line reached envctl quoted), and envctl runs no commands`);
      expect(r.stderr).toContain(`hint: paste the line after \`--\` without quotes, so your shell runs it (envctl import -- docker run …), or write its result (e.g. the path) instead of ${shown}`);
      expect(() => statSync(out)).toThrow();
    }
  });

  it('-o writes `project:` (the folder name envctl would derive) into a new spec file, and leaves an existing one alone', async () => {
    const folder = join(dir.dir, 'Vision Lab');
    mkdirSync(folder);
    const r = await envctl(['import', '-o', 'envctl.yaml', '--', 'docker', 'run', '-d', '--name', 'alice-det', TEST_IMAGE, 'sleep', 'infinity'], { cwd: folder });
    expect(r.exitCode, r.stderr).toBe(0);
    const text = readFileSync(join(folder, 'envctl.yaml'), 'utf8');
    expect(text).toMatch(/^version: 1\nproject: vision-lab\nenvironments:\n {2}alice-det:\n/m);
    expect(basename(folder)).toBe('Vision Lab');

    writeFileSync(join(folder, 'other.yaml'), 'version: 1\nenvironments: {}\n');
    expect((await envctl(['import', '-o', 'other.yaml', '--', 'docker', 'run', TEST_IMAGE], { cwd: folder })).exitCode).toBe(0);
    expect(readFileSync(join(folder, 'other.yaml'), 'utf8')).not.toContain('project:');
  });
});
