// fast-check generator of CanonicalEnvs that the test image can run: every field and value form envctl manages.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CanonicalEnv, GpuRequest, Mount, PortBinding, Ulimit } from '../../../src/spec/canonical-env.js';
import { compareMounts, comparePorts } from '../../../src/engine/observe.js';
import { projectTempDir } from './cleanup-project.js';
import { makeEnv } from './make-env.js';
import { withoutImpliedLabel } from '../../../src/spec/implied-security-opt.js';
import { IDLE_COMMAND } from './test-image.js';

const MiB = 1024 * 1024;
const lastCpu = Math.max(0, availableParallelism() - 1);

const key = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,7}$/);
const value = fc.string({ maxLength: 12 }).filter((s) => !s.includes('\0'));

const port: fc.Arbitrary<PortBinding> = fc.record({
  target: fc.integer({ min: 1, max: 65535 }),
  // Below the kernel's ephemeral range so a fixed port never collides with one the engine picked.
  published: fc.option(fc.integer({ min: 20000, max: 32000 }), { nil: null }),
  hostIp: fc.constantFrom('0.0.0.0', '127.0.0.1'),
  protocol: fc.constantFrom('tcp' as const, 'udp' as const),
});

function mounts(project: string): fc.Arbitrary<Mount[]> {
  const target = fc.stringMatching(/^\/[a-z]{1,6}$/).filter((t) => !['/bin', '/tmp', '/dev', '/proc', '/sys', '/etc'].includes(t));
  const mount: fc.Arbitrary<Mount> = fc.oneof(
    fc.record({
      type: fc.constant('bind' as const),
      source: fc.stringMatching(/^[a-z]{1,6}$/).map((s) => join(projectTempDir(project), s)),
      target,
      readOnly: fc.boolean(),
    }),
    fc.record({
      type: fc.constant('volume' as const),
      source: fc.stringMatching(/^[a-z]{1,6}$/).map((s) => `${project}-${s}`),
      target,
      readOnly: fc.boolean(),
    }),
    fc.record({
      type: fc.constant('tmpfs' as const),
      target,
      sizeBytes: fc.option(fc.integer({ min: 1, max: 64 }).map((n) => n * MiB), { nil: null }),
    }),
  );
  return fc.uniqueArray(mount, { maxLength: 4, selector: (m) => m.target }).map((ms) => [...ms].sort(compareMounts));
}

const commandAndEntrypoint = fc.constantFrom<[string[] | null, string[] | null]>(
  [null, null],
  [IDLE_COMMAND, null],
  [[IDLE_COMMAND[2]!], ['/bin/sh', '-c']],
  [null, IDLE_COMMAND],
);

export function arbitraryEnv(project: string, name: string): fc.Arbitrary<CanonicalEnv> {
  return fc
    .record({
      cmd: commandAndEntrypoint,
      environment: fc.dictionary(key, value, { maxKeys: 4 }),
      overridePath: fc.boolean(),
      workingDir: fc.option(fc.constantFrom('/tmp', '/work', '/srv/app'), { nil: null }),
      user: fc.option(fc.constantFrom('root', '0:0', '1000:1000'), { nil: null }),
      hostname: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), { nil: null }),
      ports: fc
        .uniqueArray(port, { maxLength: 3, selector: (p) => `${p.target}/${p.protocol}` })
        .filter((ps) => {
          const fixed = ps.filter((p) => p.published !== null).map((p) => `${p.published}/${p.protocol}`);
          return new Set(fixed).size === fixed.length;
        }),
      mounts: mounts(project),
      shmSizeBytes: fc.constantFrom(64 * MiB, 16 * MiB, 256 * MiB),
      ipc: fc.constantFrom('private', 'shareable', 'host'),
      restart: fc.oneof(
        fc.constantFrom('no' as const, 'always' as const, 'unless-stopped' as const).map((n) => ({ name: n, maxRetries: 0 })),
        fc.integer({ min: 0, max: 5 }).map((n) => ({ name: 'on-failure' as const, maxRetries: n })),
      ),
      labels: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/).filter((k) => !k.startsWith('dev.envctl')), value, { maxKeys: 3 }),
      state: fc.constantFrom('running' as const, 'stopped' as const, 'paused' as const),
      tty: fc.boolean(),
      stdinOpen: fc.boolean(),
      dns: fc.array(fc.constantFrom('1.1.1.1', '8.8.8.8', '9.9.9.9'), { maxLength: 2 }),
      extraHosts: fc.uniqueArray(fc.constantFrom('db:10.0.0.5', 'cache:10.0.0.6', 'api:192.168.1.2'), { maxLength: 2 }),
      memLimitBytes: fc.constantFrom(0, 16 * MiB, 64 * MiB, 100 * MiB),
      cpus: fc.constantFrom(0, 0.25, 0.5, 1),
      cpuset: fc.constantFrom('', '0', `0-${lastCpu}`),
      lab: labFields,
    })
    // fast-check builds records without a prototype; a JSON copy gives the plain objects observe returns.
    .map((r) => JSON.parse(JSON.stringify(r)) as typeof r)
    .map((r) =>
      makeEnv(project, name, {
        command: r.cmd[0],
        entrypoint: r.cmd[1],
        environment: Object.fromEntries(
          Object.entries(r.overridePath ? { ...r.environment, PATH: '/bin:/usr/bin' } : r.environment).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        ),
        workingDir: r.workingDir,
        user: r.user,
        hostname: r.hostname,
        ports: [...r.ports].sort(comparePorts),
        mounts: r.mounts,
        shmSizeBytes: r.shmSizeBytes,
        ipc: r.ipc,
        restart: r.restart,
        labels: Object.fromEntries(Object.entries(r.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
        state: r.state,
        tty: r.tty,
        stdinOpen: r.stdinOpen,
        dns: r.dns,
        extraHosts: [...r.extraHosts].sort(),
        memLimitBytes: r.memLimitBytes,
        cpus: r.cpus,
        cpuset: r.cpuset,
        ...withoutSwapExtra(r.lab),
        // memory_swap is only meaningful with a memory limit (normalize refuses it without one).
        memSwapBytes: r.memLimitBytes === 0 || r.lab.swapExtra === null ? 0 : r.lab.swapExtra === -1 ? -1 : r.memLimitBytes + r.lab.swapExtra,
        // These machines cannot start a privileged container (its capabilities are refused), so only stopped ones are.
        privileged: r.lab.privileged && r.state === 'stopped',
        // privileged and ipc host imply label=disable, which normalize and observe both leave out.
        securityOpt: withoutImpliedLabel(r.lab.securityOpt, (r.lab.privileged && r.state === 'stopped') || r.ipc === 'host'),
      }),
    );
}

function withoutSwapExtra<T extends { swapExtra: unknown }>(lab: T): Omit<T, 'swapExtra'> {
  const { swapExtra: _ignored, ...rest } = lab;
  return rest;
}

const gpuRequest: fc.Arbitrary<GpuRequest> = fc.oneof(
  fc.constant<GpuRequest>({ driver: '', count: -1, deviceIds: [], capabilities: ['gpu'] }),
  fc.integer({ min: 1, max: 4 }).map((count): GpuRequest => ({ driver: '', count, deviceIds: [], capabilities: ['gpu'] })),
  fc
    .uniqueArray(fc.constantFrom('0', '1', '2', '3', 'GPU-1a2b'), { minLength: 1, maxLength: 3 })
    .chain((deviceIds) =>
      fc
        .subarray(['compute', 'utility', 'video'])
        .map((caps): GpuRequest => ({ driver: '', count: 0, deviceIds, capabilities: [...new Set([...caps, 'gpu'])].sort() })),
    ),
  fc.constant<GpuRequest>({ driver: 'nvidia', count: 2, deviceIds: [], capabilities: ['gpu'] }),
);

const ulimit: fc.Arbitrary<Ulimit> = fc.oneof(
  // Locked memory above 8 MiB cannot be granted on these machines.
  fc.integer({ min: 64, max: 8192 }).map((kib) => ({ name: 'memlock', soft: kib * 1024, hard: kib * 1024 })),
  fc.integer({ min: 256, max: 4096 }).chain((soft) => fc.integer({ min: soft, max: 8192 }).map((hard) => ({ name: 'nofile', soft, hard }))),
  fc.integer({ min: 100, max: 1000 }).map((n) => ({ name: 'nproc', soft: n, hard: n })),
);

/** Every lab field; the values are ones the test image and these machines accept. */
const labFields = fc.record({
  gpus: fc.option(gpuRequest, { nil: null }).map((g) => (g === null ? [] : [g])),
  runtime: fc.constantFrom('runc', 'nvidia'),
  ulimits: fc.uniqueArray(ulimit, { maxLength: 3, selector: (u) => u.name }).map((us) => [...us].sort((a, b) => (a.name < b.name ? -1 : 1))),
  devices: fc.subarray(['/dev/null:/dev/null:r', '/dev/zero:/dev/myzero:rwm', '/dev/urandom:/dev/urandom:rw']).map((d) => [...d].sort()),
  capAdd: fc.subarray(['CAP_NET_ADMIN', 'CAP_SYS_PTRACE', 'CAP_SYS_NICE']).map((c) => [...c].sort()),
  capDrop: fc.subarray(['CAP_MKNOD', 'CAP_NET_RAW']).map((c) => [...c].sort()),
  privileged: fc.boolean(),
  init: fc.boolean(),
  stopSignal: fc.option(fc.constantFrom('SIGINT', 'SIGUSR1', 'SIGTERM'), { nil: null }),
  stopGracePeriodSeconds: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  groupAdd: fc.subarray(['1234', '5678', '100']).map((g) => [...g].sort()),
  securityOpt: fc.subarray(['no-new-privileges', 'label=disable']).map((o) => [...o].sort()),
  sysctls: fc.subarray(['net.core.somaxconn=1024', 'net.ipv4.ip_forward=1']).map((kvs) =>
    Object.fromEntries(kvs.map((kv) => kv.split('=') as [string, string])),
  ),
  expose: fc.subarray(['7000/tcp', '7001/udp', '9000/tcp']),
  dnsSearch: fc.array(fc.constantFrom('lab.example', 'example.com'), { maxLength: 2 }),
  pidsLimit: fc.constantFrom(0, 50, 1000),
  healthcheck: fc.option(
    fc.record({
      test: fc.constantFrom('CMD true', 'CMD-SHELL true', 'NONE').map((t) => t.split(' ')),
      intervalNs: fc.constantFrom(0, 5e9, 60e9),
      timeoutNs: fc.constantFrom(0, 2e9),
      startPeriodNs: fc.constantFrom(0, 1e9),
      retries: fc.integer({ min: 0, max: 5 }),
    }),
    { nil: null },
  ),
  swapExtra: fc.option(fc.constantFrom(-1, 0, 32 * MiB), { nil: null }),
});
