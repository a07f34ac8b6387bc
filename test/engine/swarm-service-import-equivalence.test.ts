// `docker service create` lines on the real swarm testbed: the service the docker CLI makes and the one `envctl
// import` + `envctl apply` makes from the same line are the same service, key by key of the stored spec (defaults the
// CLI writes out and envctl leaves to Swarm count as equal; envctl's own labels and network are left out).
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceSpecDifferences } from './support/service-spec-differences.js';
import { expectImportedAndApplied } from './support/expect-imported.js';
import { envctl, SpecDir } from './support/run-cli.js';
import { ensureSwarmTestbed, type SwarmTestbed } from './support/swarm-testbed.js';
import { uniqueProject } from './support/unique-project.js';
import { freePort } from '../support/free-port.js';
import { waitFor } from '../support/wait-for.js';

const project = uniqueProject('simp');
const spec = new SpecDir();
let testbed: SwarmTestbed;
const port = await freePort();

interface ServiceLine {
  key: string;
  /** What follows `docker service create --name NAME` in the notes, up to the image (added last). */
  args: (image: string) => string[];
}

const IDLE = ['sh', '-c', "trap 'exit 0' TERM; sleep 86400 & wait"];

const LINES: ServiceLine[] = [
  {
    key: 'web',
    args: (image) => [
      ...['--replicas', '2', '--endpoint-mode', 'dnsrr', '-e', 'A=1', '--env', 'B=two words', '--container-label', 'team=vision'],
      ...['-l', 'tier=web', '--restart-condition', 'on-failure', '--restart-max-attempts', '3', '--restart-delay', '2s', image, ...IDLE],
    ],
  },
  {
    // No replica: the testbed's two GPUs may be reserved by other tests running at the same time; the spec is the point.
    key: 'train',
    args: (image) => [
      ...['--replicas', '0', '--generic-resource', 'NVIDIA-GPU=1', '--constraint', 'node.labels.gpu==true', '--reserve-memory', '64m', '--limit-memory', '128m'],
      ...['--limit-cpu', '0.5', '--reserve-cpu', '0.25', '--limit-pids', '200', '--endpoint-mode', 'dnsrr', image, ...IDLE],
    ],
  },
  {
    key: 'exporter',
    args: (image) => [
      ...['--mode', 'global', '--publish', `mode=host,target=8080,published=${port}`, '--endpoint-mode', 'dnsrr'],
      ...['--update-parallelism', '1', '--update-order', 'start-first', '--update-failure-action', 'rollback', '--update-delay', '1s'],
      ...['--rollback-parallelism', '2', '--rollback-monitor', '10s', image, ...IDLE],
    ],
  },
  {
    key: 'box',
    args: (image) => [
      ...['--replicas', '1', '--replicas-max-per-node', '1', '--placement-pref', 'spread=node.labels.rack', '--endpoint-mode', 'dnsrr'],
      ...['--mount', `type=volume,source=${project}-data,target=/data`, '--mount', 'type=tmpfs,target=/scratch,tmpfs-size=16777216'],
      ...['-w', '/srv', '-u', '1000', '--hostname', 'box', '--init', '--stop-signal', 'SIGINT', '--stop-grace-period', '30s'],
      ...['--health-cmd', 'true', '--health-interval', '30s', '--cap-add', 'SYS_PTRACE', '--ulimit', 'nofile=1024:4096'],
      ...['--dns', '1.1.1.1', '--host', 'db:10.0.0.5', '--entrypoint', 'sh -c', image, "trap 'exit 0' TERM; sleep 86400 & wait"],
    ],
  },
];

const cliName = (key: string) => `${project}-cli-${key}`;
const envName = (key: string) => `${project}-${key}`;

async function onManager(...args: string[]): Promise<string> {
  return String((await execa('docker', args, { env: testbed.manager.env })).stdout).trim();
}

async function storedSpec(name: string): Promise<unknown> {
  return (JSON.parse(await onManager('service', 'inspect', name)) as { Spec: unknown }[])[0]?.Spec;
}

const fromCli = new Map<string, unknown>();
const createErrors = new Map<string, string>();
const importErrors = new Map<string, string>();
let applied = { exitCode: -1, stdout: '', stderr: '' };

beforeAll(async () => {
  testbed = await ensureSwarmTestbed();
  spec.write(`version: 1\nproject: ${project}\nenvironments: {}\n`);
  // 1. The notes' way: docker service create each line; read the spec Swarm stored, then remove the service again
  //    (its host port and name are the envctl service's next).
  for (const { key, args } of LINES) {
    const r = await execa('docker', ['service', 'create', '-d', '--no-resolve-image', '--name', cliName(key), ...args(testbed.image)], {
      env: testbed.manager.env,
      reject: false,
    });
    if (r.exitCode !== 0) createErrors.set(key, String(r.stderr));
    else fromCli.set(key, await storedSpec(cliName(key)));
  }
  await execa('docker', ['service', 'rm', ...LINES.map((l) => cliName(l.key))], { env: testbed.manager.env, reject: false });
  await waitFor(async () => (await onManager('ps', '-aq', '--filter', `label=com.docker.swarm.service.name=${cliName('exporter')}`)) === '', {
    timeoutMs: 60_000,
    what: "the CLI's exporter task to be gone (its host port is the next service's)",
  });
  // 2. The envctl way: import each line into one spec, then a single apply on the manager.
  for (const { key, args } of LINES) {
    const line = ['docker', 'service', 'create', '-d', '--no-resolve-image', '--name', cliName(key), ...args(testbed.image)];
    const r = await envctl(['import', '--name-as-env', key, '-o', spec.file, '--', ...line], { cwd: spec.dir });
    if (r.exitCode !== 0) importErrors.set(key, r.stderr);
  }
  applied = await envctl(['-f', spec.file, 'apply', '--yes'], { cwd: spec.dir, env: testbed.manager.env });
}, 300_000);

afterAll(async () => {
  await envctl(['-f', spec.file, 'destroy', '--yes', '--volumes'], { cwd: spec.dir, env: testbed.manager.env });
  await execa('docker', ['service', 'rm', ...LINES.map((l) => cliName(l.key))], { env: testbed.manager.env, reject: false });
  spec.dispose();
}, 120_000);

describe('a docker service create line and its import make the same service', () => {
  it('the docker CLI accepts every line', () => {
    expect(Object.fromEntries(createErrors)).toStrictEqual({});
  });

  it('every line imports into one spec, which validates and applies on the manager', async () => {
    await expectImportedAndApplied(importErrors, spec, applied);
  });

  it.each(LINES.map((l) => l.key))('%s: equal on every key of the stored spec', async (key) => {
    expect(fromCli.get(key), `docker service create failed: ${createErrors.get(key) ?? ''}`).toBeDefined();
    expect(serviceSpecDifferences(fromCli.get(key), await storedSpec(envName(key)))).toStrictEqual([]);
  });

  it('a second apply changes nothing', async () => {
    const plan = await envctl(['-f', spec.file, 'plan'], { cwd: spec.dir, env: testbed.manager.env });
    expect(plan.stdout).toContain('No changes');
    expect(plan.exitCode).toBe(0);
  });
});
