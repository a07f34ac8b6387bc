// Containers made by hand with the docker CLI read back as the canonical environment a person would expect;
// engine failures reach the user as envctl errors with one clear sentence.
import { mkdirSync } from 'node:fs';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../../src/engine/connect-engine.js';
import type { DockerEngine } from '../../src/engine/docker-engine.js';
import { EnvctlError } from '../../src/errors/envctl-error.js';
import { createAndSettle } from './support/apply-env.js';
import { cleanupProject, projectTempDir, removeContainers } from './support/cleanup-project.js';
import { makeEnv } from './support/make-env.js';
import { requireEngine } from './support/require-engine.js';
import { IDLE_COMMAND, TEST_IMAGE } from './support/test-image.js';
import { uniqueProject } from './support/unique-project.js';
import { rejectionOf } from '../support/expect-error.js';
import { freePort } from '../support/free-port.js';

const MiB = 1024 * 1024;
const project = uniqueProject('cli');
const tmp = projectTempDir(project);
const names: string[] = [];
let engine: DockerEngine;

async function dockerRun(name: string, ...args: string[]): Promise<string> {
  names.push(name);
  const r = await execa('docker', ['run', '-d', '--name', name, ...args]);
  return String(r.stdout).trim();
}

beforeAll(async () => {
  engine = await requireEngine();
  mkdirSync(`${tmp}/x`, { recursive: true });
});

afterAll(async () => {
  await removeContainers(...names);
  await execa('docker', ['rmi', `${project}-img`], { reject: false });
  await cleanupProject(project);
});

describe('a container made with `docker run` is observed as the canonical env it amounts to', () => {
  it('with a long docker run line of ports, -v, --mount, --tmpfs, limits and settings', async () => {
    const name = `${project}-long`;
    const port = await freePort();
    const id = await dockerRun(
      name,
      ...['-p', `${port}:80`, '-p', '127.0.0.1::81/udp'],
      ...['-v', `${project}-vol:/data`, '-v', `${tmp}/x:/x:ro`],
      ...['--mount', `type=volume,src=${project}-v2,dst=/v2`, '--mount', `type=bind,src=${tmp},dst=/hosttmp,readonly`],
      ...['--mount', 'type=tmpfs,dst=/t2,tmpfs-size=2097152', '--tmpfs', '/t:size=1m,mode=1777', '--tmpfs', '/t3'],
      ...['--shm-size', '128m', '--ipc', 'shareable', '--restart', 'always', '-e', 'A=1', '-e', 'B=x=y'],
      ...['--dns', '8.8.8.8', '--dns', '1.1.1.1', '--add-host', 'db:10.0.0.5', '--add-host', 'cache:10.0.0.6'],
      ...['-h', 'myhost', '-w', '/work', '-u', 'root', '--cpus', '0.5', '-m', '64m', '--cpuset-cpus', '0'],
      ...['-t', '-i', '-l', 'team=vision', TEST_IMAGE],
    );
    const observed = await engine.inspectContainer(name);
    expect(observed).toMatchObject({ id, name, status: 'running', project: null, envName: null, specHash: null, exitCode: 0, error: '' });
    expect(observed?.config).toStrictEqual(
      makeEnv('', name, {
        containerName: name,
        // Made by hand, so nothing says which of these came from the image: they are observed as they are.
        command: IDLE_COMMAND,
        environment: { A: '1', B: 'x=y', PATH: '/bin' },
        workingDir: '/work',
        user: 'root',
        hostname: 'myhost',
        ports: [
          { target: 80, published: port, hostIp: '0.0.0.0', protocol: 'tcp' },
          { target: 81, published: null, hostIp: '127.0.0.1', protocol: 'udp' },
        ],
        mounts: [
          { type: 'volume', source: `${project}-vol`, target: '/data', readOnly: false },
          { type: 'bind', source: tmp, target: '/hosttmp', readOnly: true },
          { type: 'tmpfs', target: '/t', sizeBytes: 1 * MiB },
          { type: 'tmpfs', target: '/t2', sizeBytes: 2 * MiB },
          { type: 'tmpfs', target: '/t3', sizeBytes: null },
          { type: 'volume', source: `${project}-v2`, target: '/v2', readOnly: false },
          { type: 'bind', source: `${tmp}/x`, target: '/x', readOnly: true },
        ],
        shmSizeBytes: 128 * MiB,
        ipc: 'shareable',
        restart: { name: 'always', maxRetries: 0 },
        labels: { team: 'vision' },
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

  it('with nothing but an image: the engine defaults read as envctl defaults (hostname, network, restart, shm)', async () => {
    const name = `${project}-bare`;
    await dockerRun(name, TEST_IMAGE);
    const observed = await engine.inspectContainer(name);
    expect(observed?.config).toStrictEqual(
      makeEnv('', name, { containerName: name, command: IDLE_COMMAND, environment: { PATH: '/bin' } }),
    );
  });

  it('created but never started, from an image named without a tag, with on-failure:3 and an anonymous volume', async () => {
    const name = `${project}-created`;
    await execa('docker', ['tag', TEST_IMAGE, `${project}-img`]);
    names.push(name);
    await execa('docker', ['create', '--name', name, '--restart', 'on-failure:3', '-v', '/anon', '--entrypoint', 'sh', `${project}-img`, '-c', 'true']);
    const observed = await engine.inspectContainer(name);
    expect(observed?.status).toBe('created');
    const anon = observed?.config.mounts[0];
    expect(anon).toMatchObject({ type: 'volume', target: '/anon', readOnly: false });
    expect(anon?.type === 'volume' && /^[0-9a-f]{64}$/.test(anon.source)).toBe(true);
    expect(observed?.config).toMatchObject({
      image: `${project}-img:latest`,
      command: ['-c', 'true'],
      entrypoint: ['sh'],
      restart: { name: 'on-failure', maxRetries: 3 },
      state: 'stopped',
    });
  });

  it('paused and exited containers map to the envctl states paused and stopped', async () => {
    const name = `${project}-states`;
    await dockerRun(name, TEST_IMAGE);
    await execa('docker', ['pause', name]);
    expect(await engine.inspectContainer(name)).toMatchObject({ status: 'paused', config: { state: 'paused' } });
    await execa('docker', ['unpause', name]);
    await execa('docker', ['stop', name]);
    expect(await engine.inspectContainer(name)).toMatchObject({ status: 'exited', exitCode: 0, config: { state: 'stopped' } });
  });
});

describe('engine failures become envctl errors', () => {
  it('an engine that is not there is one sentence naming the endpoint, with what to do', async () => {
    const missing = connectEngine({ DOCKER_HOST: 'unix:///nonexistent.sock' });
    expect(missing.endpoint).toBe('unix:///nonexistent.sock');
    for (const call of [() => missing.ping(), () => missing.listProjectContainers(project)]) {
      const err = await rejectionOf(call(), EnvctlError);
      expect(err.code).toBe('engine-unreachable');
      expect(err.message).toBe('cannot reach the Docker Engine at unix:///nonexistent.sock: no such socket');
      expect(err.hint).toBe('start Docker (as root: bash scripts/engine-up.sh) or set DOCKER_HOST');
    }
  });

  it('a refused TCP endpoint says so', async () => {
    const refused = connectEngine({ DOCKER_HOST: 'tcp://127.0.0.1:1' });
    const err = await rejectionOf(refused.ping(), EnvctlError);
    expect(err.code).toBe('engine-unreachable');
    expect(err.message).toBe('cannot reach the Docker Engine at tcp://127.0.0.1:1: connection refused');
  });

  it('unknown containers are not-found, a taken name is a conflict, and neither message carries JSON', async () => {
    const missing = await rejectionOf(engine.startContainer(`${project}-ghost`), EnvctlError);
    expect(missing.code).toBe('not-found');
    expect(missing.message).toMatch(/^start container .*-ghost: No such container: .*-ghost$/);

    const env = makeEnv(project, 'taken', { state: 'stopped' });
    await createAndSettle(engine, env);
    const image = (await engine.inspectImage(TEST_IMAGE))!;
    const conflict = await rejectionOf(engine.createContainer({ env, image, name: env.containerName, specHash: 'h' }), EnvctlError);
    expect(conflict.code).toBe('conflict');
    expect(conflict.message).toContain(`create container ${env.containerName}: Conflict. The container name "/${env.containerName}" is already in use`);
    expect(conflict.message).not.toMatch(/[{}]|HTTP code/);
  });

  it('a published port another container holds is port-taken, with the port in plain words', async () => {
    const port = await freePort();
    const holder = await createAndSettle(engine, makeEnv(project, 'holder', { ports: [{ target: 80, published: port, hostIp: '0.0.0.0', protocol: 'tcp' }] }));
    expect(holder.status).toBe('running');
    const env = makeEnv(project, 'wants', { state: 'stopped', ports: [{ target: 80, published: port, hostIp: '0.0.0.0', protocol: 'tcp' }] });
    const { id } = await createAndSettle(engine, env);
    const err = await rejectionOf(engine.startContainer(id), EnvctlError);
    expect(err.code).toBe('port-taken');
    expect(err.message).toBe(`start container ${id}: port ${port} on 0.0.0.0 is already in use`);
  });

  it('a pull that fails reports the engine sentence, not JSON', async () => {
    // 127.0.0.1:1 refuses at once: nothing leaves the machine.
    const err = await rejectionOf(engine.pullImage('127.0.0.1:1/envctl/nothing:1'), EnvctlError);
    expect(err.code).toBe('engine');
    expect(err.message).toMatch(/^pull 127\.0\.0\.1:1\/envctl\/nothing:1: .*connection refused$/);
    expect(err.message).not.toMatch(/[{}]|HTTP code/);
  });
});

describe('lifecycle calls converge rather than fail when the container is already there', () => {
  it('start, stop, pause and unpause twice in a row succeed; remove works on running and missing containers', async () => {
    const { id } = await createAndSettle(engine, makeEnv(project, 'twice', { state: 'stopped' }));
    await engine.startContainer(id);
    await engine.startContainer(id);
    await engine.pauseContainer(id);
    await engine.pauseContainer(id);
    expect((await engine.inspectContainer(id))?.status).toBe('paused');
    await engine.unpauseContainer(id);
    await engine.unpauseContainer(id);
    await engine.stopContainer(id);
    await engine.stopContainer(id);
    expect((await engine.inspectContainer(id))?.status).toBe('exited');
    await engine.startContainer(id);
    await engine.renameContainer(id, `${project}-renamed`);
    expect((await engine.inspectContainer(`${project}-renamed`))?.id).toBe(id);
    await engine.removeContainer(id);
    expect(await engine.inspectContainer(id)).toBeNull();
    await engine.removeContainer(id);
  });
});

describe('volumes', () => {
  it('are created with the project label, listed by it, and survive removing the container that used them', async () => {
    const name = `${project}-keep`;
    await engine.createVolume({ name, driver: 'local', driverOpts: {}, labels: { team: 'vision' }, declared: true }, project);
    expect(await engine.inspectVolume(name)).toEqual({ name, driver: 'local', driverOpts: {}, labels: { team: 'vision' }, project });
    expect((await engine.listProjectVolumes(project)).map((v) => v.name)).toEqual([name]);
    const { id } = await createAndSettle(
      engine,
      makeEnv(project, 'vol-user', { mounts: [{ type: 'volume', source: name, target: '/keep', readOnly: false }] }),
    );
    await engine.removeContainer(id);
    expect(await engine.inspectVolume(name)).not.toBeNull();
    await engine.removeVolume(name);
    expect(await engine.inspectVolume(name)).toBeNull();
    await engine.removeVolume(name);
  });
});
