// The Swarm service column of the field table, without an engine: spec → canonical → ServiceSpec → (what the engine
// echoes: zero values left out) → canonical again, for every field that maps and every part of deploy:; and the
// fields a service cannot carry, refused at their file:line:col with the way to get them on a service.
import { describe, expect, it } from 'vitest';
import type { CanonicalEnv } from '../../../src/fields/canonical-env.js';
import { defaultEnv } from '../../../src/fields/default-env.js';
import type { AnyField } from '../../../src/fields/field.js';
import { FIELDS } from '../../../src/fields/registry.js';
import { observeServiceSpec } from '../../../src/fields/service/observe-service-spec.js';
import { isMapping, isRefusal } from '../../../src/fields/service/service-rules.js';
import { toServiceSpec } from '../../../src/fields/service/to-service-spec.js';
import type { ServiceSpecJson } from '../../../src/fields/service-json.js';
import { canonicalToFields } from '../../../src/features/import/canonical-to-fields.js';
import { renderNewSpec } from '../../../src/features/import/render-import-yaml.js';
import { load, problems } from '../spec/write-spec-file.js';
import { richServiceSpec } from '../../support/rich-service.js';

const RICH_SERVICE = richServiceSpec('registry.test:5000/envctl/busybox:local');

const TABLE: readonly AnyField[] = FIELDS;
const LABELS = { 'dev.envctl.project': 'lab', 'dev.envctl.env': 'web' };

/** What the Engine API gives back: it leaves out false, 0, '' and empty lists (an object it keeps: `Global: {}`). */
function engineEcho(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(engineEcho);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).flatMap(([k, v]) => (engineEcho(v) === undefined ? [] : [[k, engineEcho(v)]])));
  }
  return value === false || value === 0 || value === '' ? undefined : value;
}

const roundTrip = (env: CanonicalEnv): CanonicalEnv => {
  const spec = toServiceSpec(env, { network: 'net-id', labels: LABELS });
  return observeServiceSpec(engineEcho(spec) as Partial<ServiceSpecJson>, { project: env.project, name: env.name, state: env.state });
};


describe('a service: every mapped field goes into the ServiceSpec and comes back', () => {
  it('the rich service sets every field that maps, away from its default, and round-trips whole', async () => {
    const [env] = (await load(RICH_SERVICE)).environments;
    if (env === undefined) throw new Error('no environment');
    const plain = defaultEnv('lab', 'web', 'another:image');
    const untouched = TABLE.filter((f) => isMapping(f.service) && JSON.stringify(env[f.prop as keyof CanonicalEnv]) === JSON.stringify(plain[f.prop as keyof CanonicalEnv]));
    expect(untouched.map((f) => f.name)).toEqual([]);
    expect(roundTrip(env)).toEqual(env);
  });

  it('the ServiceSpec has the name, envctl labels, the overlay network, and the fields where Swarm reads them', async () => {
    const [env] = (await load(RICH_SERVICE)).environments;
    if (env === undefined) throw new Error('no environment');
    const spec = toServiceSpec(env, { network: 'net-id', labels: LABELS });
    const c = spec.TaskTemplate.ContainerSpec;
    expect(spec.Name).toBe('lab-web');
    expect(spec.Labels).toEqual({ tier: 'front', ...LABELS });
    expect(c.Labels).toEqual({ team: 'vision', ...LABELS });
    expect(spec.TaskTemplate.Networks).toEqual([{ Target: 'net-id', Aliases: ['web'] }]);
    expect([c.Command, c.Args]).toEqual([['/bin/env'], ['sh', '-c', 'sleep 1d']]);
    expect(c.Hosts).toEqual(['10.0.0.5 db', 'fd00::1 v6']);
    expect(c.StopGracePeriod).toBe(20e9);
    expect(c.Mounts).toContainEqual({ Type: 'tmpfs', Target: '/dev/shm', TmpfsOptions: { SizeBytes: 256 * 1024 ** 2 } });
    expect(spec.EndpointSpec).toEqual({
      Mode: 'vip',
      Ports: [
        { Protocol: 'tcp', TargetPort: 22, PublishedPort: 2222, PublishMode: 'host' },
        { Protocol: 'tcp', TargetPort: 80, PublishedPort: 8080, PublishMode: 'ingress' },
        { Protocol: 'tcp', TargetPort: 443, PublishMode: 'ingress' },
        { Protocol: 'udp', TargetPort: 9000, PublishedPort: 9000, PublishMode: 'ingress' },
      ],
    });
    expect(spec.Mode).toEqual({ Replicated: { Replicas: 3 } });
    expect(spec.TaskTemplate.Resources?.Reservations?.GenericResources).toEqual([{ DiscreteResourceSpec: { Kind: 'NVIDIA-GPU', Value: 1 } }]);
  });

  it('deploy: left out entirely is Swarm defaults, and a global service round-trips; gpu devices are NVIDIA-GPU', async () => {
    const state = await load(
      [
        'project: lab',
        'environments:',
        '  a: { image: img:1, deploy: {} }',
        '  b: { image: img:1, deploy: { mode: global, endpoint_mode: dnsrr, placement: { constraints: ["node.labels.gpu == true"] } } }',
        '  c: { image: img:1, deploy: { resources: { reservations: { devices: [{ capabilities: [gpu], count: 2 }] } } } }',
      ].join('\n'),
    );
    const [a, b, c] = state.environments;
    if (a === undefined || b === undefined || c === undefined) throw new Error('three environments');
    expect(a.deploy).toMatchObject({ mode: 'replicated', replicas: 1, endpointMode: 'vip', restartPolicy: { condition: 'any', delayNs: 5e9 } });
    expect(b.deploy).toMatchObject({ mode: 'global', replicas: 0, endpointMode: 'dnsrr' });
    expect(c.deploy?.reservations.genericResources).toEqual([{ kind: 'NVIDIA-GPU', value: 2 }]);
    for (const env of [a, b, c]) expect(roundTrip(env)).toEqual(env);
    expect(toServiceSpec(b, { network: 'n', labels: {} }).Mode).toEqual({ Global: {} });
  });

  it('a service read back is written as spec keys (ports with mode: host in the long form) that load as the same service', async () => {
    const [env] = (await load(RICH_SERVICE)).environments;
    if (env === undefined) throw new Error('no environment');
    // As import does: the name is the environment's key (a service is <project>-<env>), not container_name.
    const { container_name: _name, ...fields } = canonicalToFields(roundTrip(env));
    const written = renderNewSpec({ key: env.name, fields, notes: [], sources: {} });
    const [again] = (await load(`project: lab\n${written}`)).environments;
    expect(again).toEqual(env);
  });

  it('a service made by hand (nothing but an image) reads as Swarm would run it', () => {
    const env = observeServiceSpec({ Name: 'lab-x', TaskTemplate: { ContainerSpec: { Image: 'img:1' } }, Mode: { Replicated: { Replicas: 1 } } }, { project: 'lab', name: 'x', state: 'running' });
    expect(env.deploy).toMatchObject({ replicas: 1, restartPolicy: { condition: 'any', delayNs: 5e9 }, updateConfig: { parallelism: 1, monitorNs: 5e9, order: 'stop-first' } });
    expect([env.shmSizeBytes, env.restart.name, env.containerName, env.command]).toEqual([64 * 1024 ** 2, 'no', 'lab-x', null]);
  });

  it('an image the docker CLI pinned to its digest is still the image the spec names', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const read = (image: string) => observeServiceSpec({ TaskTemplate: { ContainerSpec: { Image: image } } }, { project: 'p', name: 'e', state: 'running' }).image;
    expect(read(`registry.test:5000/envctl/busybox:local@${digest}`)).toBe('registry.test:5000/envctl/busybox:local');
    expect(read(`busybox@${digest}`)).toBe(`busybox@${digest}`);
  });
});

/** A value of each refused field's key that is valid on a container. */
const REFUSED_VALUES: Record<string, string> = {
  ipc: 'host',
  network_mode: 'host',
  ssh: 'true',
  restart: 'always',
  cpus: '2',
  mem_limit: '1g',
  cpuset: '"0-1"',
  gpus: 'all',
  runtime: 'runc',
  devices: '["/dev/null:/dev/null"]',
  privileged: 'true',
  security_opt: '["no-new-privileges"]',
  pids_limit: '100',
  memory_swap: '2g',
  expose: '[9000]',
  container_name: 'webby',
};

describe('a field a service cannot carry is refused where it is written, saying how to get it on a service', () => {
  const refused = TABLE.filter((f) => isRefusal(f.service));

  it('every refused field has a value here, and each is reported at its key with its refusal as hint', async () => {
    const keys = refused.flatMap((f) => Object.keys(f.keys));
    expect(keys.sort()).toEqual(Object.keys(REFUSED_VALUES).sort());
    for (const field of refused) {
      for (const key of Object.keys(field.keys)) {
        const found = await problems(`project: lab\nenvironments:\n  web:\n    image: img:1\n    deploy: { replicas: 2 }\n    ${key}: ${REFUSED_VALUES[key]}\n`);
        const hint = isRefusal(field.service) ? field.service.refuse : '';
        expect(found).toEqual([`envctl.yaml:6:5: \`${key}\` cannot be set on a service (environment \`web\` has \`deploy:\`) (${hint})`]);
      }
    }
  });

  it('the hints name the way: restart → deploy.restart_policy, gpus → NVIDIA-GPU generic resources, cpus → deploy.resources.limits', () => {
    const hintOf = (name: string): string => {
      const rule = TABLE.find((f) => f.name === name)?.service;
      return rule !== undefined && isRefusal(rule) ? rule.refuse : '';
    };
    expect(hintOf('restart')).toContain('deploy.restart_policy');
    expect(hintOf('gpus')).toMatch(/generic_resources.*NVIDIA-GPU.*capabilities: \[gpu\]/);
    expect(hintOf('cpus')).toContain('deploy.resources.limits.cpus');
  });

  it('a service cannot be paused: said at state:', async () => {
    const found = await problems('project: lab\nenvironments:\n  web:\n    image: img:1\n    state: paused\n    deploy: {}\n');
    expect(found).toEqual(['envctl.yaml:5:5: a service cannot be paused (environment `web` has `deploy:`) (set deploy.replicas: 0 to run no tasks, or state: running)']);
  });

  it('a value from defaults: is meant for containers and does not reach a service', async () => {
    const state = await load('project: lab\ndefaults:\n  restart: always\n  cpus: 2\nenvironments:\n  web: { image: img:1, deploy: {} }\n  box: { image: img:1 }\n');
    const [web, box] = ['web', 'box'].map((name) => state.environments.find((e) => e.name === name));
    expect([web?.restart.name, web?.cpus, box?.restart.name, box?.cpus]).toEqual(['no', 0, 'always', 2]);
  });

  it("values a service cannot carry: a port's host IP, mode on a container's port, a mount on /dev/shm, host-gateway, ingress with dnsrr", async () => {
    const found = await problems(
      [
        'project: lab', //                                                                     1
        'environments:', //                                                                    2
        '  web:', //                                                                           3
        '    image: img:1', //                                                                 4
        '    deploy: {}', //                                                                   5
        '    ports: ["127.0.0.1:80:80", { target: 22, host_ip: 10.0.0.1 }]', //                6
        '    volumes: [{ type: tmpfs, target: /dev/shm }]', //                                 7
        '    extra_hosts: ["gw:host-gateway"]', //                                             8
        '  dns:', //                                                                           9
        '    image: img:1', //                                                                 10
        '    deploy: { endpoint_mode: dnsrr }', //                                             11
        '    ports: ["80:80", { target: 22, published: 2222, mode: host }]', //                12
        '  box:', //                                                                           13
        '    image: img:1', //                                                                 14
        '    ports: [{ target: 80, mode: host }]', //                                          15
      ].join('\n'),
    );
    expect(found).toEqual([
      'envctl.yaml:6:13: a service takes no host IP: it publishes on the addresses of the nodes it runs on (remove the IP; mode: host (long form) publishes on the node a task runs on only)',
      'envctl.yaml:6:46: a service takes no host IP: it publishes on the addresses of the nodes it runs on (remove the IP; mode: host (long form) publishes on the node a task runs on only)',
      "envctl.yaml:7:5: a service's /dev/shm is set by shm_size (remove the mount on /dev/shm and write shm_size: envctl mounts a tmpfs of that size there)",
      'envctl.yaml:8:5: a service cannot map a name to host-gateway (write the node\'s address instead, e.g. "host:10.0.0.1")',
      'envctl.yaml:12:5: a service with endpoint_mode: dnsrr cannot publish through the ingress routing mesh (publish with mode: host (long form), or use endpoint_mode: vip)',
      "envctl.yaml:15:27: mode is a service's port setting (an environment with deploy:) (remove mode: a container publishes on the host it runs on)",
    ]);
  });
});
