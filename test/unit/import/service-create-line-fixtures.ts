// Real-looking `docker service create` lines (lab notes, swarm tutorials; one pasted over several lines with `\`
// continuations) and the key and spec fields envctl import writes for each: shared by the import tests.
export const SERVICE_LINES: [string, string, Record<string, unknown>][] = [
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
