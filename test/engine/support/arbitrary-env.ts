// fast-check generator of CanonicalEnvs that the test image can run: every field and value form envctl manages.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CanonicalEnv, GpuRequest, Mount, PortBinding, Ulimit } from '../../../src/fields/canonical-env.js';
import { compareMounts, comparePorts } from '../../../src/engine/observe.js';
import { projectTempDir } from './cleanup-project.js';
import { makeEnv } from './make-env.js';
import { withoutImpliedLabel } from '../../../src/fields/values/implied-security-opt.js';
import { IDLE_COMMAND } from './test-image.js';

const MiB = 1024 * 1024;
const lastCpu = Math.max(0, availableParallelism() - 1);
/** The largest number validate accepts for sizes, counts and limits (2^53 - 1). */
const MAX = Number.MAX_SAFE_INTEGER;

// Names as validate accepts them at their edges: dots, dashes, slashes, colons, non-ASCII; no "=", space or control.
const key = fc.oneof(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,7}$/), fc.constantFrom('a.b-c', '_X', 'lower', 'ÄÖ', 'k/8:s'));
const value = fc.oneof(
  fc.string({ maxLength: 12 }).filter((s) => !s.includes('\0')),
  fc.constantFrom('line1\nline2', '==', 'tab\there', '\u00e9\u4e2d', ''),
);
/** RFC 1123 host names up to the kernel's 64 characters. */
const hostname = fc.oneof(
  fc.stringMatching(/^[a-z]([a-z0-9-]{0,9}[a-z0-9])?$/),
  fc.constantFrom(`${'a'.repeat(31)}.${'B'.repeat(32)}`, 'x', 'Box-1.Lab', '0a'),
);
/** Search domains up to 253 characters with 63-character parts, and "." (no search domain). */
const LONG_DOMAIN = `${['a', 'b', 'c'].map((c) => c.repeat(63)).join('.')}.${'d'.repeat(61)}`;

/** Published ports from `hostPorts` (free ports a test reserved) or, when none are given, any below the ephemeral range. */
function port(hostPorts: readonly number[]): fc.Arbitrary<PortBinding> {
  return fc.record({
    target: fc.integer({ min: 1, max: 65535 }),
    published: fc.option(hostPorts.length > 0 ? fc.constantFrom(...hostPorts) : fc.integer({ min: 20000, max: 32000 }), { nil: null }),
    hostIp: fc.constantFrom('0.0.0.0', '127.0.0.1'),
    protocol: fc.constantFrom('tcp' as const, 'udp' as const),
  });
}

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
      // size=0 is "no limit" to tmpfs; 1 byte the smallest it takes (rounded up to a page by the kernel, kept as written).
      sizeBytes: fc.option(fc.oneof(fc.integer({ min: 1, max: 64 }).map((n) => n * MiB), fc.constantFrom(0, 1)), { nil: null }),
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

/**
 * `hostPorts`: the host ports a generated environment may publish. A test that creates the containers passes ports
 * from freePort() (at least 3, as many as an environment publishes); one that only reads the values may leave it out.
 */
export function arbitraryEnv(project: string, name: string, options: { hostPorts?: readonly number[] } = {}): fc.Arbitrary<CanonicalEnv> {
  return fc
    .record({
      cmd: commandAndEntrypoint,
      environment: fc.dictionary(key, value, { maxKeys: 4 }),
      overridePath: fc.boolean(),
      workingDir: fc.option(fc.constantFrom('/tmp', '/work', '/srv/app'), { nil: null }),
      // 2147483647 is the largest id the runtime (runc) takes.
      user: fc.option(fc.constantFrom('root', '0:0', '1000:1000', '2147483647:2147483647'), { nil: null }),
      hostname: fc.option(hostname, { nil: null }),
      ports: fc
        .uniqueArray(port(options.hostPorts ?? []), { maxLength: 3, selector: (p) => `${p.target}/${p.protocol}` })
        .filter((ps) => {
          const fixed = ps.filter((p) => p.published !== null).map((p) => `${p.published}/${p.protocol}`);
          return new Set(fixed).size === fixed.length;
        }),
      mounts: mounts(project),
      shmSizeBytes: fc.constantFrom(64 * MiB, 16 * MiB, 256 * MiB, 1, MAX),
      ipc: fc.constantFrom('private', 'shareable', 'host'),
      restart: fc.oneof(
        fc.constantFrom('no' as const, 'always' as const, 'unless-stopped' as const).map((n) => ({ name: n, maxRetries: 0 })),
        fc.constantFrom(0, 1, 5, MAX).map((n) => ({ name: 'on-failure' as const, maxRetries: n })),
      ),
      labels: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9.]{0,8}$/).filter((k) => !k.startsWith('dev.envctl')), value, { maxKeys: 3 }),
      state: fc.constantFrom('running' as const, 'stopped' as const, 'paused' as const),
      tty: fc.boolean(),
      stdinOpen: fc.boolean(),
      dns: fc.array(fc.constantFrom('1.1.1.1', '8.8.8.8', '9.9.9.9'), { maxLength: 2 }),
      extraHosts: fc.uniqueArray(fc.constantFrom('db:10.0.0.5', 'cache:10.0.0.6', 'api:192.168.1.2', 'my_host:::1', 'gw:host-gateway'), {
        maxLength: 2,
        selector: (h) => h.split(':')[0],
      }),
      // 6 MiB is the engine's smallest memory limit; 2^53 - 1 the largest size validate accepts.
      memLimitBytes: fc.constantFrom(0, 16 * MiB, 64 * MiB, 100 * MiB, 6 * MiB, MAX),
      // 0.01 is the engine's smallest quota, billionths its precision, the machine's CPU count its largest.
      cpus: fc.constantFrom(0, 0.25, 0.5, 1, 0.01, 0.123456789, availableParallelism()),
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
        // Freezing a container throttled to 1% of a CPU right after its start sometimes times out in runc ("unable to
        // freeze", 1 in 5 here): an engine quirk of pause, not a value the engine changes, so it is not generated.
        cpus: r.state === 'paused' && r.cpus === 0.01 ? 0.25 : r.cpus,
        cpuset: r.cpuset,
        ...withoutSwapExtra(r.lab),
        // memory_swap is only meaningful with a memory limit (normalize refuses it without one).
        memSwapBytes: memorySwap(r.memLimitBytes, r.lab.swapExtra),
        // A published port is exposed anyway: normalize and observe keep it under ports only.
        expose: r.lab.expose.filter((key) => !r.ports.some((p) => `${p.target}/${p.protocol}` === key)),
        // These machines cannot start a privileged container (its capabilities are refused), so only stopped ones are.
        privileged: r.lab.privileged && r.state === 'stopped',
        // privileged and ipc host imply label=disable, which normalize and observe both leave out.
        securityOpt: withoutImpliedLabel(r.lab.securityOpt, (r.lab.privileged && r.state === 'stopped') || r.ipc === 'host'),
      }),
    );
}

/** memory_swap is only meaningful with a memory limit (normalize refuses it without one) and at most 2^53 - 1. */
function memorySwap(memLimitBytes: number, swapExtra: number | null): number {
  if (memLimitBytes === 0 || swapExtra === null) return 0;
  if (swapExtra === -1) return -1;
  return memLimitBytes + swapExtra > MAX ? MAX : memLimitBytes + swapExtra;
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
  // The edges validate accepts for a limit the kernel lets anyone raise: unlimited and 2^53 - 1.
  fc.constantFrom(-1, MAX).map((n) => ({ name: 'core', soft: n, hard: n })),
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
  readOnly: fc.boolean(),
  stopSignal: fc.option(fc.constantFrom('SIGINT', 'SIGUSR1', 'SIGTERM', 'sigusr2', 'RTMAX-14', 'SIGRTMIN+15', '64', '1'), { nil: null }),
  // 9223372036 s is the longest the engine's int64 nanoseconds hold.
  stopGracePeriodSeconds: fc.option(fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constant(9223372036)), { nil: null }),
  groupAdd: fc.subarray(['1234', '5678', '100', '2147483647']).map((g) => [...g].sort()),
  securityOpt: fc.subarray(['no-new-privileges', 'label=disable']).map((o) => [...o].sort()),
  sysctls: fc.subarray(['net.core.somaxconn=1024', 'net.ipv4.ip_forward=1']).map((kvs) =>
    Object.fromEntries(kvs.map((kv) => kv.split('=') as [string, string])),
  ),
  expose: fc.subarray(['1/udp', '7000/tcp', '7001/udp', '9000/tcp', '65535/tcp']),
  dnsSearch: fc.array(fc.constantFrom('lab.example', 'example.com', '.', LONG_DOMAIN, 'svc_x.lab'), { maxLength: 2 }),
  // 4194304 is the kernel's largest pids.max.
  pidsLimit: fc.constantFrom(0, 50, 1000, 4194304),
  healthcheck: fc.option(
    fc.record({
      test: fc.constantFrom('CMD true', 'CMD-SHELL true', 'NONE').map((t) => t.split(' ')),
      // 2562047h is the longest duration the engine's int64 nanoseconds hold; 1ms the shortest it takes.
      intervalNs: fc.constantFrom(0, 5e9, 60e9, 2562047 * 3600e9),
      timeoutNs: fc.constantFrom(0, 2e9, 1e6),
      startPeriodNs: fc.constantFrom(0, 1e9, 1e6),
      retries: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(MAX)),
    }),
    { nil: null },
  ),
  swapExtra: fc.option(fc.constantFrom(-1, 0, 32 * MiB), { nil: null }),
});
