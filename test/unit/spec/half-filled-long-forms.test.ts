// A long form with a part missing or of the wrong type is a located problem, never an "unexpected failure": nothing
// half-filled reaches the parsers behind the schema.
import { describe, expect, test } from 'vitest';
import { problems } from './write-spec-file.js';

const environmentField = (line: string) => problems(`environments:\n  box:\n    image: x\n    ${line}\n`);

describe('half-filled long forms are located problems', () => {
  test('volumes: [{type: tmpfs}] names the missing target where the entry is', async () => {
    expect(await environmentField('volumes: [{type: tmpfs}]')).toEqual(['envctl.yaml:4:15: missing required key `target` in `volumes[0]`']);
  });

  test('ports: [{published: 80}] and ulimits without hard limit likewise', async () => {
    expect(await environmentField('ports: [{published: 80}]')).toEqual(['envctl.yaml:4:13: missing required key `target` in `ports[0]`']);
    expect(await environmentField('ulimits: {nofile: {soft: 1}}')).toEqual(['envctl.yaml:4:23: missing required key `hard` in `nofile`']);
  });

  test.each([
    'volumes: [{type: bind}]', 'volumes: [{type: volume}]', 'volumes: [{source: x, target: /t}]', 'volumes: [{type: bind, source: /a, target: 5}]',
    'volumes: [{type: tmpfs, target: /t, tmpfs: {size: {}}}]', 'volumes: [5]',
    'ports: [{}]', 'ports: [{target: 80, published: {}}]', 'ports: [{target: "x"}]', 'ports: [{target: 80, host_ip: 5}]',
    'ulimits: {nofile: {}}', 'ulimits: {nofile: "x"}', 'ulimits: 5',
    'healthcheck: {test: 5}', 'healthcheck: {interval: 5}', 'healthcheck: {retries: "x"}', 'healthcheck: 5',
    'gpus: {count: "x"}', 'gpus: [{}]', 'gpus: {device_ids: [{}]}', 'gpus: {capabilities: "x"}', 'gpus: {driver: 5}',
    'build: {args: 5}', 'build: {context: 5}', 'build: {target: []}', 'build: {args: {A: {}}}', 'build: 5',
    'ssh: {port: "x"}', 'ssh: {authorized_keys: 5}', 'ssh: {user: 5}', 'ssh: 5', 'ssh: {host_ip: 5}',
    'environment: {A: {}}', 'environment: [5]', 'labels: {a: []}', 'labels: [{}]', 'tmpfs: [5]', 'dns: [5]', 'sysctls: {a: {}}',
    'extra_hosts: {a: 5}', 'extra_hosts: [5]', 'cap_add: [5]', 'devices: [5]', 'expose: [{}]', 'group_add: [{}]', 'user: {}', 'hostname: []',
    'command: {}', 'entrypoint: [{}]', 'cpus: {}', 'cpuset: []', 'shm_size: {}', 'memory_swap: {}', 'restart: 5', 'stop_signal: []',
    'stop_grace_period: {}', 'security_opt: [5]', 'env_file: [5]', 'ignore_changes: [5]', 'network_mode: 5', 'dns_search: [5]', 'runtime: 5',
    'working_dir: 5', 'image: {}', 'container_name: 5', 'ipc: 5', 'host: 5', 'pids_limit: "x"',
  ])('%s', async (line) => {
    const found = await environmentField(line);
    expect(found.length).toBeGreaterThan(0);
    for (const problem of found) expect(problem).toMatch(/^envctl\.yaml:4:\d+: /);
  });

  test.each([
    'hosts: {h: {}}', 'hosts: {h: {docker_host: 5}}', 'hosts: {h: 5}', 'volumes: {v: {driver_opts: {a: {}}}}', 'volumes: {v: {labels: 5}}',
    'volumes: {v: 5}', 'volumes: {v: {driver: []}}', 'defaults: {ports: [{}]}', 'defaults: {volumes: [{type: tmpfs}]}', 'defaults: 5',
  ])('top level: %s', async (line) => {
    const found = await problems(`${line}\nenvironments:\n  box:\n    image: x\n`);
    expect(found.length).toBeGreaterThan(0);
    for (const problem of found) expect(problem).toMatch(/^envctl\.yaml:1:\d+: /);
  });
});
