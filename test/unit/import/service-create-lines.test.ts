// Whole `docker service create` lines as they appear in lab notes and swarm tutorials (pasted after `--`, quoted, or
// over several lines with `\` continuations) → the environment envctl import writes for each.
import { describe, expect, it } from 'vitest';
import { usageErrorOf } from '../../support/expect-error.js';
import type { MapContext } from '../../../src/features/import/map-run-to-environment.js';
import { mapServiceToEnvironment } from '../../../src/features/import/map-service-to-environment.js';
import { parseDockerService } from '../../../src/features/import/parse-docker-run.js';
import { toDockerCommand } from '../../../src/features/import/split-run-line.js';

const ctx: MapContext = { cwd: '/home/al/lab', homeDir: '/home/al', readTextFile: () => 'WANDB_MODE=offline\n' };

/** A pasted line (one quoted string, split like a shell) → the imported environment. */
function importLine(line: string) {
  const command = toDockerCommand([line], { USER: 'al' });
  expect(command.kind).toBe('service');
  return mapServiceToEnvironment(parseDockerService(command.args), ctx);
}

/** Real-looking lines → the key and spec fields envctl import writes. */
const LINES: [string, string, Record<string, unknown>][] = [
  [
    'docker service create --name web --replicas 3 --publish published=8080,target=80 nginx:1.25',
    'web',
    { ports: [{ target: 80, published: 8080 }], image: 'nginx:1.25', deploy: { replicas: 3 } },
  ],
  [
    "docker service create --name redis --mount type=volume,source=redis-data,target=/data --constraint 'node.role==manager' redis:7 redis-server --appendonly yes",
    'redis',
    {
      volumes: [{ type: 'volume', source: 'redis-data', target: '/data' }],
      image: 'redis:7',
      command: ['redis-server', '--appendonly', 'yes'],
      deploy: { replicas: 1, placement: { constraints: ['node.role==manager'] } },
    },
  ],
  [
    'docker service create --name train --generic-resource "NVIDIA-GPU=2" --constraint node.labels.gpu==true ' +
      '--mount type=bind,source=/data/coco,target=/data,readonly --env NCCL_DEBUG=INFO --env-file .env ' +
      '--restart-condition on-failure --restart-max-attempts 3 --reserve-memory 16g ' +
      'pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime python train.py --epochs 10',
    'train',
    {
      volumes: [{ type: 'bind', source: '/data/coco', target: '/data', read_only: true }],
      environment: { NCCL_DEBUG: 'INFO' },
      env_file: ['/home/al/lab/.env'],
      image: 'pytorch/pytorch:2.4.0-cuda12.1-cudnn9-runtime',
      command: ['python', 'train.py', '--epochs', '10'],
      deploy: {
        replicas: 1,
        placement: { constraints: ['node.labels.gpu==true'] },
        resources: { reservations: { generic_resources: [{ discrete_resource_spec: { kind: 'NVIDIA-GPU', value: 2 } }], memory: '16g' } },
        restart_policy: { condition: 'on-failure', max_attempts: 3 },
      },
    },
  ],
  [
    'docker service create --name node-exporter --mode global --mount type=bind,source=/proc,target=/host/proc,readonly ' +
      '--publish mode=host,target=9100,published=9100 prom/node-exporter:v1.8.1 --path.procfs=/host/proc',
    'node-exporter',
    {
      ports: [{ target: 9100, published: 9100, mode: 'host' }],
      volumes: [{ type: 'bind', source: '/proc', target: '/host/proc', read_only: true }],
      image: 'prom/node-exporter:v1.8.1',
      command: ['--path.procfs=/host/proc'],
      deploy: { mode: 'global' },
    },
  ],
  [
    'docker service create --name notebook --replicas 2 --replicas-max-per-node 1 --endpoint-mode dnsrr ' +
      '--publish mode=host,target=8888,published=8888 --env JUPYTER_TOKEN --limit-memory 4g --reserve-memory 2g ' +
      '--limit-cpu 2 --reserve-cpu 1 --update-parallelism 1 --update-delay 10s --update-order start-first ' +
      "--update-failure-action rollback --rollback-parallelism 1 -u 1000 jupyter/base-notebook:2024-05-27 start-notebook.sh --ServerApp.base_url=''",
    'notebook',
    {
      ports: [{ target: 8888, published: 8888, mode: 'host' }],
      environment: { JUPYTER_TOKEN: null },
      user: '1000',
      image: 'jupyter/base-notebook:2024-05-27',
      command: ['start-notebook.sh', '--ServerApp.base_url='],
      deploy: {
        replicas: 2,
        endpoint_mode: 'dnsrr',
        placement: { max_replicas_per_node: 1 },
        resources: { limits: { memory: '4g', cpus: 2 }, reservations: { memory: '2g', cpus: 1 } },
        update_config: { parallelism: 1, delay: '10s', order: 'start-first', failure_action: 'rollback' },
        rollback_config: { parallelism: 1 },
      },
    },
  ],
  [
    'sudo docker service create -d --with-registry-auth --name api --network backend -l com.example.team=vision ' +
      '--container-label com.example.role=api -e LOG_LEVEL=debug -w /srv --health-cmd "curl -f http://localhost:8000/health || exit 1" ' +
      '--health-interval 30s --health-retries 3 --stop-grace-period 30s --placement-pref spread=node.labels.rack ' +
      '--host db:10.0.0.5 --dns 10.0.0.2 registry.lab:5000/vision/api:1.4',
    'api',
    {
      labels: { 'com.example.role': 'api' },
      environment: { LOG_LEVEL: 'debug' },
      working_dir: '/srv',
      healthcheck: { test: ['CMD-SHELL', 'curl -f http://localhost:8000/health || exit 1'], interval: '30s', retries: 3 },
      stop_grace_period: '30s',
      extra_hosts: ['db:10.0.0.5'],
      dns: ['10.0.0.2'],
      image: 'registry.lab:5000/vision/api:1.4',
      deploy: { replicas: 1, labels: { 'com.example.team': 'vision' }, placement: { preferences: [{ spread: 'node.labels.rack' }] } },
    },
  ],
  [
    // Over several lines of a notes file, with `\` continuations, as docs write long commands.
    'docker service create \\\n  --name worker \\\n  --replicas 4 \\\n  --restart-condition any --restart-delay 5s --restart-window 2m \\\n' +
      '  --mount type=tmpfs,target=/scratch,tmpfs-size=1073741824 \\\n  --entrypoint "python -u" \\\n  registry.lab:5000/vision/worker:1.4 worker.py --queue gpu',
    'worker',
    {
      volumes: [{ type: 'tmpfs', target: '/scratch', tmpfs: { size: 1073741824 } }],
      entrypoint: ['python', '-u'],
      image: 'registry.lab:5000/vision/worker:1.4',
      command: ['worker.py', '--queue', 'gpu'],
      deploy: { replicas: 4, restart_policy: { condition: 'any', delay: '5s', window: '2m' } },
    },
  ],
  [
    'docker service create --replicas 0 --cap-add SYS_PTRACE --init --read-only --tty --ulimit nofile=65536:65536 busybox:1.36 sleep infinity',
    'busybox',
    {
      cap_add: ['SYS_PTRACE'],
      init: true,
      read_only: true,
      tty: true,
      ulimits: { nofile: 65536 },
      image: 'busybox:1.36',
      command: ['sleep', 'infinity'],
      deploy: { replicas: 0 },
    },
  ],
];

describe('real-looking docker service create lines', () => {
  it.each(LINES)('%s', (line, key, fields) => {
    const env = importLine(line);
    expect(env.key).toBe(key);
    // The order in which the spec is written is tested separately (render-import-yaml); here: what is written.
    expect(env.fields).toStrictEqual(fields);
  });

  it('notes what a line asked of the docker CLI call itself, and the name the service gets', () => {
    const [line] = LINES[5] ?? [];
    expect(importLine(line ?? '').notes.map((n) => n.split(': ')[0])).toStrictEqual(['-d', '--with-registry-auth', '--network backend', '--name api']);
  });

  it('--name-as-env picks the key; the note names the service after it', () => {
    const command = toDockerCommand(['docker', 'service', 'create', '--name', 'web', 'nginx:1.25']);
    const env = mapServiceToEnvironment(parseDockerService(command.args), { ...ctx, envKey: 'front' });
    expect(env.key).toBe('front');
    expect(env.notes).toStrictEqual(['--name web: the service is named <project>-front (envctl names a service after its project and environment)']);
  });

  it('a line asking for what the spec cannot express is refused naming the flag, as the docker run import does', () => {
    const refused = (line: string) => usageErrorOf(() => importLine(line));
    expect(refused('docker service create --name db --secret db_password postgres:16').message).toBe(
      '--secret db_password cannot be expressed in an envctl spec: the spec has no Swarm secrets',
    );
    expect(refused('docker service create --name db --secret db_password postgres:16').hint).toBe('leave it out of the line to import the rest');
    expect(refused('docker service create --log-driver syslog nginx').message).toBe('--log-driver syslog cannot be expressed in an envctl spec: the spec has no logging settings');
    expect(refused('docker service create --mode replicated-job --max-concurrent 2 busybox true').message).toMatch(/^--mode replicated-job: a job runs to completion/);
    expect(refused('docker service create --publish 127.0.0.1:8080:80 nginx').message).toMatch(/^--publish 127\.0\.0\.1:8080:80: a service takes no host IP/);
    expect(refused('docker service create --gpus all nginx').message).toBe('unknown docker service create flag --gpus');
    expect(refused('docker service create nginx && docker service ls').message).toContain('shell operator `&&`');
  });
});
