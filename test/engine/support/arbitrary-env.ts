// fast-check generator of CanonicalEnvs that the test image can run: every field and value form envctl manages.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CanonicalEnv, Mount, PortBinding } from '../../../src/spec/canonical-env.js';
import { compareMounts, comparePorts } from '../../../src/engine/observe.js';
import { projectTempDir } from './cleanup-project.js';
import { makeEnv } from './make-env.js';
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
      ipc: fc.constantFrom('private', 'shareable'),
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
      }),
    );
}
