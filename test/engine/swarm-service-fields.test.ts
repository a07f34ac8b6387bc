// The service column of the field table on a real swarm: a ServiceSpec built from a spec that sets every field a
// service maps (and every part of deploy:) is sent to the manager through the Engine API as is, and the spec the
// manager stores reads back as the same canonical environment — Swarm's omissions and filled-in defaults included,
// so a second apply has nothing to change. A service the docker CLI made reads back as its spec too.
import { request } from 'node:http';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanonicalEnv } from '../../src/fields/canonical-env.js';
import { observeServiceSpec } from '../../src/fields/service/observe-service-spec.js';
import { toServiceSpec } from '../../src/fields/service/to-service-spec.js';
import type { ServiceInspectJson, ServiceSpecJson } from '../../src/fields/service-json.js';
import { loadSpec } from '../../src/spec/load-spec.js';
import { richServiceSpec } from '../support/rich-service.js';
import { writeSpecFile } from '../unit/spec/write-spec-file.js';
import { ensureSwarmTestbed, type SwarmTestbed } from './support/swarm-testbed.js';
import { uniqueProject } from './support/unique-project.js';
import { waitFor } from '../support/wait-for.js';

const API = '/v1.41';

/** One Engine API call to the manager's socket; a status of 400 or more fails with the engine's own message. */
function call<T>(socketPath: string, method: string, path: string, body?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request({ socketPath, method, path: `${API}${path}`, headers: payload ? { 'Content-Type': 'application/json' } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 500) >= 400) reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
        else resolve((text === '' ? undefined : JSON.parse(text)) as T);
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const socketOf = (dockerHost: string): string => dockerHost.replace(/^unix:\/\//, '');

async function envsOf(yaml: string): Promise<CanonicalEnv[]> {
  const { file, dir } = writeSpecFile(yaml);
  return (await loadSpec(file, { environ: {}, displayPath: 'envctl.yaml', homeDir: dir })).environments;
}

describe('a service spec built from the field table reads back as the same canonical environment on a real swarm', () => {
  let bed: SwarmTestbed;
  let socket: string;
  let networkId: string;
  const project = uniqueProject('svcf');
  const labels = { 'dev.envctl.project': project };
  const made: string[] = [];

  const createAndObserve = async (env: CanonicalEnv): Promise<{ observed: CanonicalEnv; stored: Partial<ServiceSpecJson> }> => {
    const spec = toServiceSpec(env, { network: networkId, labels: { ...labels, 'dev.envctl.env': env.name } });
    const { ID } = await call<{ ID: string }>(socket, 'POST', '/services/create', spec);
    made.push(ID);
    const inspect = await call<ServiceInspectJson>(socket, 'GET', `/services/${ID}`);
    const stored = inspect.Spec ?? {};
    return { observed: observeServiceSpec(stored, { project: env.project, name: env.name, state: env.state }), stored };
  };

  beforeAll(async () => {
    bed = await ensureSwarmTestbed();
    socket = socketOf(bed.manager.dockerHost);
    const net = await call<{ Id: string }>(socket, 'POST', '/networks/create', { Name: `${project}-net`, Driver: 'overlay', Attachable: true, Labels: labels });
    networkId = net.Id;
  });

  afterAll(async () => {
    for (const id of made) await call(socket, 'DELETE', `/services/${id}`).catch(() => undefined);
    // A removed service's tasks leave the network a moment later: removing it succeeds once they have.
    if (networkId) {
      await waitFor(() => call(socket, 'DELETE', `/networks/${networkId}`).then(() => true, () => false), {
        timeoutMs: 30_000,
        what: `the network ${project}-net to be free of the removed services' tasks`,
      });
    }
  });

  it('every mapped field and every deploy: part: create, inspect, observe gives the canonical environment back', async () => {
    const [env] = await envsOf(richServiceSpec(bed.image, project));
    if (env === undefined) throw new Error('no environment');
    const { observed, stored } = await createAndObserve(env);
    expect(observed).toEqual(env);
    // What Swarm stored is what envctl sent, minus its omissions: the proof that observe read the engine, not an echo.
    expect(stored.Name).toBe(`${project}-web`);
    expect(stored.TaskTemplate?.ContainerSpec?.Mounts).toContainEqual({ Type: 'tmpfs', Target: '/dev/shm', TmpfsOptions: { SizeBytes: 256 * 1024 ** 2 } });
    expect(stored.TaskTemplate?.Networks).toEqual([{ Target: networkId, Aliases: ['web'] }]);
    expect(stored.TaskTemplate?.ContainerSpec?.Healthcheck?.Retries).toBe(4);
  });

  it('a global dnsrr service with a GPU reservation and host-mode ports, and one with deploy: {} (Swarm defaults)', async () => {
    const envs = await envsOf(
      [
        `project: ${project}`,
        'environments:',
        '  gpu:',
        `    image: ${bed.image}`,
        '    command: ["sleep", "1d"]',
        '    ports: [{ target: 8080, published: 18080, mode: host }]',
        '    deploy:',
        '      mode: global',
        '      endpoint_mode: dnsrr',
        '      placement: { constraints: ["node.labels.gpu == true", "node.labels.zone == nowhere"] }',
        '      resources: { reservations: { devices: [{ capabilities: [gpu], count: 1 }] } }',
        '  plain:',
        `    image: ${bed.image}`,
        '    deploy: { replicas: 0 }',
      ].join('\n'),
    );
    for (const env of envs) expect((await createAndObserve(env)).observed).toEqual(env);
  });

  it("what newer docker CLIs (28.x) fill in — 10s grace, restart/update/rollback defaults, platforms — reads as Swarm's defaults", async () => {
    const name = `${project}-filled`;
    // The spec docker 28's `docker service create --replicas 0 IMAGE sleep 1d` sends (measured on this machine).
    const spec = {
      Name: name,
      Labels: labels,
      TaskTemplate: {
        ContainerSpec: { Image: bed.image, Args: ['sleep', '1d'], Init: false, StopGracePeriod: 10e9, DNSConfig: {}, Isolation: 'default' },
        Resources: { Limits: {}, Reservations: {} },
        RestartPolicy: { Condition: 'any', Delay: 5e9, MaxAttempts: 0 },
        Placement: { Platforms: [{ Architecture: 'amd64', OS: 'linux' }] },
        ForceUpdate: 0,
        Runtime: 'container',
      },
      Mode: { Replicated: { Replicas: 0 } },
      UpdateConfig: { Parallelism: 1, FailureAction: 'pause', Monitor: 5e9, MaxFailureRatio: 0, Order: 'stop-first' },
      RollbackConfig: { Parallelism: 1, FailureAction: 'pause', Monitor: 5e9, MaxFailureRatio: 0, Order: 'stop-first' },
      EndpointSpec: { Mode: 'vip' },
    };
    const { ID } = await call<{ ID: string }>(socket, 'POST', '/services/create', spec);
    made.push(ID);
    const inspect = await call<ServiceInspectJson>(socket, 'GET', `/services/${ID}`);
    expect(inspect.Spec?.TaskTemplate?.ContainerSpec?.StopGracePeriod).toBe(10e9);
    const [env] = await envsOf(`project: ${project}\nenvironments:\n  filled:\n    image: ${bed.image}\n    command: [sleep, 1d]\n    stop_grace_period: 10s\n    deploy: { replicas: 0 }\n`);
    if (env === undefined) throw new Error('no environment');
    expect(observeServiceSpec(inspect.Spec ?? {}, { project, name: 'filled', state: 'running' })).toEqual(env);
  });

  it('a service the docker CLI made (its own defaults, the image pinned to its digest) reads back as its spec', async () => {
    const name = `${project}-cli`;
    await execa('docker', ['service', 'create', '--detach', '--quiet', '--name', name, '--replicas', '0', '--label', `dev.envctl.project=${project}`, bed.image, 'sleep', '1d'], { env: bed.manager.env });
    const inspect = await call<ServiceInspectJson>(socket, 'GET', `/services/${name}`);
    made.push(inspect.ID);
    const [env] = await envsOf(`project: ${project}\nenvironments:\n  cli:\n    image: ${bed.image}\n    command: [sleep, 1d]\n    deploy: { replicas: 0 }\n`);
    if (env === undefined) throw new Error('no environment');
    expect(observeServiceSpec(inspect.Spec ?? {}, { project, name: 'cli', state: 'running' })).toEqual(env);
  });

  it("a task runs what the fields say: shm_size is a tmpfs of that size on /dev/shm, extra_hosts, environment, user, working_dir", async () => {
    const [env] = await envsOf(
      [
        `project: ${project}`,
        'environments:',
        '  run:',
        `    image: ${bed.image}`,
        '    command: ["sh", "-c", "trap \'exit 0\' TERM; while :; do sleep 1 & wait $!; done"]',
        '    shm_size: 96m',
        '    extra_hosts: ["db:10.0.0.5"]',
        '    environment: { MODE: prod }',
        '    user: "1000"',
        '    working_dir: /tmp',
        '    deploy: { placement: { constraints: ["node.role == manager"] } }',
      ].join('\n'),
    );
    if (env === undefined) throw new Error('no environment');
    const { observed } = await createAndObserve(env);
    expect(observed).toEqual(env);
    const docker = (...args: string[]) => execa('docker', args, { env: bed.manager.env }).then((r) => r.stdout.trim());
    const container = await waitFor(
      async () => docker('ps', '-q', '--filter', `label=com.docker.swarm.service.name=${project}-run`, '--filter', 'status=running'),
      { timeoutMs: 60_000, what: `a running task of ${project}-run on the manager` },
    );
    const inside = await docker('exec', container, 'sh', '-c', 'df -k /dev/shm | tail -1; grep -w db /etc/hosts; echo "$MODE $(id -u) $(pwd)"');
    const [shm = '', hosts = '', rest = ''] = inside.split('\n');
    expect(shm.split(/\s+/)[1]).toBe(String(96 * 1024));
    expect(hosts.split(/\s+/)).toEqual(['10.0.0.5', 'db']);
    expect(rest).toBe('prod 1000 /tmp');
  });
});
