// On the real engine: the values validate accepts at the edges of the engine's limits converge (apply, then plan
// changes nothing), the values past them never reach the engine, and an injection never reaches the container.
import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DockerEngine } from '../../src/engine/docker-engine.js';
import { EnvctlError } from '../../src/errors/envctl-error.js';
import { cleanupProject } from './support/cleanup-project.js';
import { requireEngine } from './support/require-engine.js';
import { SpecDir, docker } from './support/run-cli.js';
import { TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';
import { rejectionOf } from '../support/expect-error.js';

// Stops on TERM, INT and the two odd stop signals below (RTMAX-14 = 50, 64), so a stop never waits out a grace period.
const COMMAND = `["sh", "-c", "trap 'exit 0' TERM INT 50 64; while :; do sleep 1 & wait $!; done"]`;
const MAX = Number.MAX_SAFE_INTEGER;
const LONG_DOMAIN = `${['a', 'b', 'c'].map((c) => c.repeat(63)).join('.')}.${'d'.repeat(61)}`;
const cpus = availableParallelism();

let engine: DockerEngine;
beforeAll(async () => {
  engine = await requireEngine();
});

async function projectContainers(project: string): Promise<string[]> {
  const out = await docker('ps', '-a', '--filter', `label=dev.envctl.project=${project}`, '--format', '{{.Names}}');
  return out === '' ? [] : out.split('\n');
}

describe('values at the edges of what the engine holds converge', () => {
  const project = uniqueProject('edge');
  const dir = new SpecDir();
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('apply, then plan changes nothing, and a second apply does nothing', async () => {
    dir.write(`version: 1
project: ${project}
environments:
  low:
    image: ${TEST_IMAGE}
    command: ${COMMAND}
    shm_size: 1
    mem_limit: 6m
    memory_swap: ${MAX}
    cpus: 0.01
    cpuset: "0"
    pids_limit: 4194304
    restart: on-failure:${MAX}
    ulimits: {core: -1}
    stop_signal: RTMAX-14
    stop_grace_period: 9223372036s
    healthcheck: {test: [CMD, "true"], interval: 2562047h, timeout: 1ms, start_period: 1ms, retries: ${MAX}}
    user: "2147483647:2147483647"
    group_add: [2147483647]
    hostname: ${'a'.repeat(31)}.${'B'.repeat(32)}
    dns_search: [".", "${LONG_DOMAIN}"]
    extra_hosts: ["my_host:::1", "gw:host-gateway"]
    working_dir: /srv//app/../app/
    environment: {"a.b-c": "line1\\nline2", _X: "==", "k/8:s": ""}
    labels: {"org.example/owner:x": "any\\ttext"}
    tmpfs: ["/t0:size=0", "/t1:size=1"]
    expose: ["65535", "1/udp"]
  high:
    image: ${TEST_IMAGE}
    command: ${COMMAND}
    shm_size: ${MAX}
    mem_limit: ${MAX}
    cpus: ${cpus}
    cpuset: "0-${cpus - 1}"
    ulimits: {core: ${MAX}}
    stop_signal: "64"
    healthcheck: {test: "true", start_period: 2562047h}
    ports: ["127.0.0.1::65535/udp"]
    dns: ["::1"]
    cap_add: [sys_ptrace]
`);
    expect((await dir.run('validate')).exitCode).toBe(0);
    const apply = await dir.run('apply', '--yes');
    expect(apply.stderr).toBe('');
    expect(apply.exitCode).toBe(0);
    const plan = await dir.run('plan');
    expect(plan.stdout).toMatch(/No changes\. 2 environments match the spec\./);
    expect(plan.exitCode).toBe(0);
    const again = await dir.run('apply', '--yes');
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/No changes/);
    // Running, as the engine keeps them.
    expect(await docker('inspect', '--format', '{{.State.Running}} {{.Config.WorkingDir}} {{.HostConfig.PidsLimit}}', `${project}-low`)).toBe('true /srv/app 4194304');
  });
});

describe('values past the engine’s limits never reach it', () => {
  const project = uniqueProject('past');
  const dir = new SpecDir();
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('apply stops at validate with every value located (they used to recreate or update on every apply, or fail in Go)', async () => {
    dir.write(`version: 1
project: ${project}
environments:
  box:
    image: ${TEST_IMAGE}
    shm_size: 0
    cpus: 1e308
    environment: {"A=B": c}
    mem_limit: 99999999999g
    cpuset: 0-99999
`);
    const r = await dir.run('apply', '--yes');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('envctl.yaml:6:15: shm_size must be at least 1 byte');
    expect(r.stderr).toContain('envctl.yaml:7:11: cpus must be at most 8192');
    expect(r.stderr).toContain('envctl.yaml:8:19: environment variable "A=B" contains "="');
    expect(r.stderr).toContain('envctl.yaml:9:16: the size "99999999999g" is too large');
    expect(r.stderr).toContain('envctl.yaml:10:13: cpuset "0-99999": CPU 99999 is above 8192');
    expect(r.stderr).toMatch(/5 problems in the spec; nothing was sent to the engine/);
    expect(await projectContainers(project)).toEqual([]);
  });

  it('image: "../x" is one located error for validate, plan, apply and status: no stack trace, no lock left', async () => {
    dir.write(`version: 1\nproject: ${project}\nenvironments:\n  box:\n    image: "../x"\n`);
    for (const command of [['validate'], ['plan'], ['apply', '--yes'], ['status']]) {
      const r = await dir.run(...command);
      expect(r.exitCode, command.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/envctl\.yaml:5:12: "\.\.\/x" is not an image reference: it is a path/);
      expect(r.stderr).not.toMatch(/TypeError|Invalid URL|\n\s+at /);
    }
    expect(await projectContainers(project)).toEqual([]);
  });

  it('the engine layer itself refuses a name the engine would redirect, as an error and not a crash', async () => {
    const err = await rejectionOf(engine.inspectImage('../x'), EnvctlError);
    expect(err.message).toMatch(/refused to ask the engine for "(\/v1\.\d+)?\/images\/\.\.\/x\/json"/);
    // The connection is still good for the next call.
    expect(await engine.inspectImage(TEST_IMAGE)).not.toBeNull();
  });
});

describe('an injection through dns_search never reaches the container', () => {
  const project = uniqueProject('inj');
  const dir = new SpecDir();
  afterAll(async () => {
    await cleanupProject(project);
    dir.dispose();
  });

  it('a newline in a search domain is refused at validate and resolv.conf keeps only what the spec says', async () => {
    const spec = (domains: string) => `version: 1
project: ${project}
environments:
  box:
    image: ${TEST_IMAGE}
    command: ${COMMAND}
    dns_search: ${domains}
`;
    dir.write(spec('["lab.internal"]'));
    expect((await dir.run('apply', '--yes')).exitCode).toBe(0);
    const before = await docker('exec', `${project}-box`, 'cat', '/etc/resolv.conf');
    expect(before).toMatch(/^search lab\.internal$/m);

    dir.write(spec('["lab.internal\\nnameserver 6.6.6.6"]'));
    const r = await dir.run('apply', '--yes');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('envctl.yaml:7:18: dns_search domain "lab.internal\\nnameserver 6.6.6.6" contains a newline');
    const after = await docker('exec', `${project}-box`, 'cat', '/etc/resolv.conf');
    expect(after).toBe(before);
    expect(after).not.toContain('6.6.6.6');
  });
});
