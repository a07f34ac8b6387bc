// A service spec that sets every field a service maps and every part of deploy:, each away from its default: the unit
// round trip and the real-swarm test both read it (the project name and image are the caller's).
export const richServiceSpec = (image: string, project = 'lab'): string => `project: ${project}
environments:
  web:
    image: ${image}
    command: ["sh", "-c", "sleep 1d"]
    entrypoint: ["/bin/env"]
    environment: { MODE: prod, EMPTY: "" }
    working_dir: /srv
    user: "1000:1000"
    hostname: web-task
    ports: ["8080:80", "9000:9000/udp", { target: 22, published: 2222, mode: host }, { target: 443 }]
    volumes: ["/srv/data:/data:ro", "cache:/cache", { type: tmpfs, target: /scratch, tmpfs: { size: 16m } }, { type: tmpfs, target: /run/x }]
    shm_size: 256m
    labels: { team: vision }
    tty: true
    stdin_open: true
    dns: ["10.0.0.2", "1.1.1.1"]
    dns_search: [lab.internal]
    extra_hosts: ["db:10.0.0.5", "v6:fd00::1"]
    ulimits: { nofile: { soft: 1024, hard: 4096 }, nproc: 512 }
    cap_add: [SYS_PTRACE]
    cap_drop: [MKNOD]
    init: true
    read_only: true
    stop_signal: SIGINT
    stop_grace_period: 20s
    group_add: ["video"]
    sysctls: { net.core.somaxconn: "1024" }
    healthcheck: { test: ["CMD", "true"], interval: 10s, timeout: 2s, start_period: 1s, retries: 4 }
    deploy:
      replicas: 3
      labels: { tier: front }
      placement:
        constraints: ["node.role == worker", "node.labels.zone == a"]
        preferences: [{ spread: node.labels.zone }]
        max_replicas_per_node: 2
      resources:
        limits: { cpus: "1.5", memory: 512m, pids: 100 }
        reservations: { cpus: "0.25", memory: 64m, generic_resources: [{ discrete_resource_spec: { kind: NVIDIA-GPU, value: 1 } }] }
      restart_policy: { condition: on-failure, delay: 2s, max_attempts: 3, window: 30s }
      update_config: { parallelism: 2, delay: 1s, failure_action: rollback, monitor: 3s, max_failure_ratio: 0.5, order: start-first }
      rollback_config: { parallelism: 0, failure_action: continue, order: stop-first }

`;
