// observe(inspect(create(toCreateOptions(env)))) == env, field by field, on the real engine; and in-place updates.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DockerEngine } from '../../src/engine/docker-engine.js';
import { EnvctlError } from '../../src/errors/envctl-error.js';
import type { CanonicalEnv } from '../../src/fields/canonical-env.js';
import { arbitraryEnv } from './support/arbitrary-env.js';
import { createAndSettle } from './support/apply-env.js';
import { cleanupProject } from './support/cleanup-project.js';
import { makeEnv } from './support/make-env.js';
import { requireEngine } from './support/require-engine.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';
import { freePort } from '../support/free-port.js';
import { rejectionOf } from '../support/expect-error.js';

const MiB = 1024 * 1024;
/** An image with defaults of every kind a container inherits: env, labels, VOLUME, WORKDIR, USER, ENTRYPOINT. */
const RICH_IMAGE = 'envctl/busybox-rich:test';

let engine: DockerEngine;
const project = uniqueProject('rt');
const workDir = mkdtempSync(join(tmpdir(), 'envctl-rt-'));

beforeAll(async () => {
  engine = await requireEngine();
  const ctx = join(workDir, 'rich-image');
  mkdirSync(ctx);
  const dockerfile = [
    `FROM ${TEST_IMAGE}`,
    'ENV FOO=bar GREETING=hello',
    'LABEL org.example.team=base org.example.tier=gold',
    'VOLUME /cache /data',
    'WORKDIR /srv',
    'USER 0:0',
    'ENTRYPOINT ["/bin/sh", "-c"]',
    'STOPSIGNAL SIGUSR1',
    'EXPOSE 7000 7001/udp',
    'HEALTHCHECK --interval=5m --retries=2 CMD true',
    `CMD ["${IDLE_COMMAND[2]!.replace(/"/g, '\\"')}"]`,
  ].join('\n');
  await execa('docker', ['build', '-q', '-t', RICH_IMAGE, '-'], { input: dockerfile });
});

afterAll(async () => {
  await cleanupProject(project);
  await execa('docker', ['rmi', RICH_IMAGE], { reject: false });
  rmSync(workDir, { recursive: true, force: true });
});

async function roundTrip(env: CanonicalEnv): Promise<void> {
  const observed = await createAndSettle(engine, env);
  expect(observed.config).toStrictEqual(env);
  expect(observed.project).toBe(env.project);
  expect(observed.envName).toBe(env.name);
  expect(observed.specHash).toBe('test-hash');
}

describe('a container created from a canonical environment reads back as the same environment', () => {
  it('with every field set: ports with and without IP, udp, ephemeral; bind ro/rw, volume, tmpfs; limits', async () => {
    const [p1, p2] = [await freePort(), await freePort()];
    await roundTrip(
      makeEnv(project, 'full', {
        command: IDLE_COMMAND,
        environment: { A: '1', PATH: '/bin', SPACED: 'a b=c', EMPTY: '' },
        workingDir: '/work',
        user: 'root',
        hostname: 'full-box',
        ports: [
          { target: 53, published: p1, hostIp: '127.0.0.1', protocol: 'udp' },
          { target: 80, published: null, hostIp: '0.0.0.0', protocol: 'tcp' },
          { target: 8080, published: p2, hostIp: '0.0.0.0', protocol: 'tcp' },
        ],
        mounts: [
          { type: 'volume', source: `${project}-data`, target: '/data', readOnly: false },
          { type: 'bind', source: join(workDir, 'not-there-yet'), target: '/made', readOnly: false },
          { type: 'tmpfs', target: '/scratch', sizeBytes: 8 * MiB },
          { type: 'bind', source: workDir, target: '/src', readOnly: true },
          { type: 'tmpfs', target: '/t', sizeBytes: null },
          { type: 'volume', source: `${project}-ro`, target: '/vro', readOnly: true },
        ],
        shmSizeBytes: 128 * MiB,
        ipc: 'shareable',
        restart: { name: 'on-failure', maxRetries: 3 },
        labels: { 'org.example.owner': 'alice', team: 'vision' },
        tty: true,
        stdinOpen: true,
        dns: ['8.8.8.8', '1.1.1.1'],
        extraHosts: ['cache:10.0.0.6', 'db:10.0.0.5'],
        memLimitBytes: 64 * MiB,
        cpus: 0.5,
        cpuset: '0',
      }),
    );
  });

  it('with everything left to the image and the engine', async () => {
    await roundTrip(makeEnv(project, 'bare'));
  });

  it('stopped, entrypoint set, PATH overridden, no network, numeric user', async () => {
    await roundTrip(
      makeEnv(project, 'stopped', {
        entrypoint: ['/bin/sh', '-c'],
        command: [IDLE_COMMAND[2]!],
        environment: { PATH: '/usr/bin:/bin' },
        user: '1000:1000',
        workingDir: '/tmp',
        networkMode: 'none',
        restart: { name: 'always', maxRetries: 0 },
        state: 'stopped',
        cpus: 1.5,
        cpuset: `0-${availableParallelism() - 1}`,
      }),
    );
  });

  it('paused, with unless-stopped and a fixed IPv4 port', async () => {
    await roundTrip(
      makeEnv(project, 'paused', {
        ports: [{ target: 22, published: await freePort(), hostIp: '127.0.0.1', protocol: 'tcp' }],
        restart: { name: 'unless-stopped', maxRetries: 0 },
        state: 'paused',
        shmSizeBytes: 32 * MiB,
      }),
    );
  });

  it('image defaults are not mistaken for spec fields, even when the spec repeats the image value', async () => {
    // FOO and org.example.team repeat the image's values, so they are the spec's and must read back.
    await roundTrip(
      makeEnv(project, 'rich', {
        image: RICH_IMAGE,
        environment: { FOO: 'bar', MINE: 'yes' },
        labels: { 'org.example.team': 'base' },
        mounts: [{ type: 'volume', source: `${project}-cache`, target: '/cache', readOnly: false }],
      }),
    );
  });

  it('an image entrypoint is dropped with entrypoint: [] and the image CMD is then still used', async () => {
    await roundTrip(makeEnv(project, 'rich-noep', { image: RICH_IMAGE, entrypoint: [], command: null, state: 'stopped' }));
    await roundTrip(makeEnv(project, 'rich-cmd', { image: RICH_IMAGE, command: [IDLE_COMMAND[2]!], user: 'root', workingDir: '/srv' }));
  });

  it('with every lab field set: GPU ids, nvidia runtime, ulimits, devices, caps, init, stop, health, limits', async () => {
    await roundTrip(
      makeEnv(project, 'lab', {
        command: IDLE_COMMAND,
        gpus: [{ driver: '', count: 0, deviceIds: ['1', '0'], capabilities: ['compute', 'gpu', 'utility'] }],
        runtime: 'nvidia',
        // memlock stays under the 8 MiB these machines can grant.
        ulimits: [
          { name: 'memlock', soft: 1 * MiB, hard: 2 * MiB },
          { name: 'nofile', soft: 1024, hard: 2048 },
        ],
        devices: ['/dev/null:/dev/null:r', '/dev/zero:/dev/myzero:rwm'],
        capAdd: ['CAP_NET_ADMIN', 'CAP_SYS_PTRACE'],
        capDrop: ['CAP_MKNOD'],
        init: true,
        stopSignal: 'SIGINT',
        stopGracePeriodSeconds: 3,
        groupAdd: ['1234', '5678'],
        securityOpt: ['no-new-privileges'],
        sysctls: { 'net.core.somaxconn': '1024', 'net.ipv4.ip_forward': '1' },
        expose: ['7000/tcp', '7001/udp', '9000/tcp'],
        ports: [{ target: 9100, published: null, hostIp: '127.0.0.1', protocol: 'tcp' }],
        dnsSearch: ['lab.example', 'example.com'],
        pidsLimit: 100,
        memLimitBytes: 64 * MiB,
        memSwapBytes: 96 * MiB,
        healthcheck: { test: ['CMD', 'true'], intervalNs: 5e9, timeoutNs: 2e9, startPeriodNs: 1e9, retries: 3 },
        mounts: [{ type: 'tmpfs', target: '/run', sizeBytes: 1 * MiB }],
      }),
    );
  });

  it('privileged, all GPUs by count, unlimited swap, capabilities ALL, shell health check', async () => {
    await roundTrip(
      makeEnv(project, 'priv', {
        gpus: [{ driver: 'nvidia', count: -1, deviceIds: [], capabilities: ['gpu'] }],
        privileged: true,
        capAdd: ['ALL'],
        memLimitBytes: 32 * MiB,
        memSwapBytes: -1,
        healthcheck: { test: ['CMD-SHELL', 'true || false'], intervalNs: 0, timeoutNs: 0, startPeriodNs: 0, retries: 0 },
        state: 'stopped',
      }),
    );
  });

  it("image STOPSIGNAL, EXPOSE and HEALTHCHECK are the image's, not the spec's; a partial or disabled check keeps its own parts", async () => {
    await roundTrip(makeEnv(project, 'rich-lab', { image: RICH_IMAGE, expose: ['7000/tcp', '8000/tcp'] }));
    await roundTrip(
      makeEnv(project, 'rich-hc', {
        image: RICH_IMAGE,
        stopSignal: 'SIGTERM',
        healthcheck: { test: [], intervalNs: 10e9, timeoutNs: 0, startPeriodNs: 0, retries: 0 },
        state: 'stopped',
      }),
    );
    await roundTrip(
      makeEnv(project, 'rich-nohc', {
        image: RICH_IMAGE,
        healthcheck: { test: ['NONE'], intervalNs: 0, timeoutNs: 0, startPeriodNs: 0, retries: 0 },
        state: 'stopped',
      }),
    );
  });

  it('ipc host: the label=disable the engine adds is not taken for a security_opt of the spec', async () => {
    await roundTrip(makeEnv(project, 'ipchost', { ipc: 'host', securityOpt: ['no-new-privileges'], state: 'stopped' }));
  });

  it('ipc and network of another container, by name, although the engine stores its id', async () => {
    await roundTrip(makeEnv(project, 'ns-a', { ipc: 'shareable' }));
    await roundTrip(makeEnv(project, 'ns-b', { ipc: `container:${project}-ns-a`, networkMode: `container:${project}-ns-a` }));
  });

  it('for generated environments (property)', async () => {
    const seed = Number(process.env.ENVCTL_FC_SEED ?? Date.now() % 2 ** 31);
    console.log(`round-trip property seed: ${seed} (rerun with ENVCTL_FC_SEED=${seed})`);
    let n = 0;
    // Each generated environment is removed before the next one is made: three host ports serve them all.
    const hostPorts = [await freePort(), await freePort(), await freePort()];
    await fc.assert(
      fc.asyncProperty(
        arbitraryEnv(project, 'gen', { hostPorts }),
        async (generated) => {
          // A fresh name each run: fast-check may replay a value while shrinking.
          const env = { ...generated, name: `gen${n}`, containerName: `${project}-gen${n}` };
          n += 1;
          const observed = await createAndSettle(engine, env);
          try {
            expect(observed.config).toStrictEqual(env);
          } finally {
            await engine.removeContainer(observed.id);
          }
        },
      ),
      { numRuns: Number(process.env.ENVCTL_FC_RUNS ?? 15), seed, endOnFailure: true },
    );
  });
});

describe('updateContainer changes limits and restart policy in place', () => {
  const name = 'upd';
  afterEach(async () => {
    const c = await engine.inspectContainer(`${project}-${name}`);
    if (c) await engine.removeContainer(c.id);
  });

  it('keeps the same container id through restart, cpus, memory up and down, and cpuset changes', async () => {
    const env = makeEnv(project, name);
    const before = await createAndSettle(engine, env);
    const steps: [Parameters<DockerEngine['updateContainer']>[1], Partial<CanonicalEnv>][] = [
      [{ restart: { name: 'on-failure', maxRetries: 2 }, cpus: 1, memLimitBytes: 64 * MiB, cpuset: '0' },
        { restart: { name: 'on-failure', maxRetries: 2 }, cpus: 1, memLimitBytes: 64 * MiB, cpuset: '0' }],
      // 512 MiB is above the swap limit the engine set at 64 MiB (2 × 64): refused unless swap moves too.
      [{ memLimitBytes: 512 * MiB }, { memLimitBytes: 512 * MiB }],
      [{ memLimitBytes: 16 * MiB, cpus: 0.5 }, { memLimitBytes: 16 * MiB, cpus: 0.5 }],
      [{ restart: { name: 'always', maxRetries: 0 }, cpuset: `0-${availableParallelism() - 1}` },
        { restart: { name: 'always', maxRetries: 0 }, cpuset: `0-${availableParallelism() - 1}` }],
    ];
    let expected = env;
    for (const [patch, fields] of steps) {
      await engine.updateContainer(before.id, patch);
      expected = { ...expected, ...fields };
      const after = await engine.inspectContainer(before.id);
      expect(after?.id).toBe(before.id);
      expect(after?.config).toStrictEqual(expected);
    }
  });

  it('refuses, rather than silently ignores, changes the engine cannot make in place', async () => {
    const before = await createAndSettle(engine, makeEnv(project, name, { memLimitBytes: 64 * MiB, cpus: 1, cpuset: '0' }));
    for (const patch of [{ memLimitBytes: 0 }, { cpus: 0 }, { cpuset: '' }]) {
      expect((await rejectionOf(engine.updateContainer(before.id, patch), EnvctlError)).code).toBe('engine');
    }
    expect((await engine.inspectContainer(before.id))?.config).toStrictEqual(before.config);
  });
});

describe('observing a project', () => {
  it('makes exactly one list call and one inspect per container', async () => {
    const p = uniqueProject('cnt');
    try {
      const envs = ['a', 'b', 'c'].map((n) => makeEnv(p, n, { state: 'stopped' }));
      for (const env of envs) await createAndSettle(engine, env);
      engine.resetStats();
      const ids = await engine.listProjectContainers(p);
      const observed = await Promise.all(ids.map((id) => engine.inspectContainer(id)));
      expect(observed.map((o) => o?.config.name).sort()).toEqual(['a', 'b', 'c']);
      expect(engine.stats()).toEqual({ total: 4, byOp: { 'container.list': 1, 'container.inspect': 3 } });
    } finally {
      await cleanupProject(p);
    }
  });

  it('lists only containers labelled with the project, in any state', async () => {
    const p = uniqueProject('lst');
    try {
      const a = await createAndSettle(engine, makeEnv(p, 'a', { state: 'stopped' }));
      const b = await createAndSettle(engine, makeEnv(p, 'b'));
      expect((await engine.listProjectContainers(p)).sort()).toEqual([a.id, b.id].sort());
      expect(await engine.listProjectContainers(uniqueProject('none'))).toEqual([]);
    } finally {
      await cleanupProject(p);
    }
  });

  it('inspecting a container that does not exist is null', async () => {
    expect(await engine.inspectContainer(`${project}-nope`)).toBeNull();
    expect(await engine.inspectImage('envctl/does-not-exist:never')).toBeNull();
  });
});
