// Writes the same N environments three ways — envctl.yaml, a docker-compose file, an Ansible playbook — so the tools
// are compared on equal work: a port, a named volume, a read-only bind, shm_size, restart and environment each.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const BENCH_IMAGE = 'envctl/busybox:local';
/** Exits at once on SIGTERM and idles without waking up, so stops are fast and 600 idle containers cost nothing. */
export const BENCH_COMMAND = ['sh', '-c', "trap 'exit 0' TERM; sleep 2147483647 & wait"];
/** Every container and volume the bench makes carries this label, so cleanup can never touch anything else. */
export const BENCH_LABEL = 'envctl-bench.run';

/**
 * One environment's fields in tool-neutral form. `rev` is the value of BENCH_REV in env 0: flipping it is the
 * "change one environment" scenario (every tool recreates that one container).
 */
export function benchEnvs({ project, n, basePort, rev }) {
  return Array.from({ length: n }, (_, i) => ({
    name: `e${i}`,
    container: `${project}-e${i}`,
    port: basePort + i,
    volume: `${project}-v${i}`,
    environment: { BENCH_INDEX: String(i), BENCH_REV: i === 0 ? String(rev) : '0' },
  }));
}

const q = (s) => JSON.stringify(s);

export function envctlSpec({ project, envs, runId }) {
  const lines = ['version: 1', `project: ${project}`, 'environments:'];
  for (const e of envs) {
    lines.push(
      `  ${e.name}:`,
      `    image: ${BENCH_IMAGE}`,
      `    command: ${q(BENCH_COMMAND)}`,
      `    ports: ["127.0.0.1:${e.port}:80"]`,
      `    volumes: [${q(`${e.volume}:/data`)}, "./shared:/shared:ro"]`,
      '    shm_size: 128m',
      '    restart: unless-stopped',
      `    environment: { ${Object.entries(e.environment).map(([k, v]) => `${k}: ${q(v)}`).join(', ')} }`,
      `    labels: { ${q(BENCH_LABEL)}: ${q(runId)} }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function composeFile({ envs, runId }) {
  const lines = ["version: '3.7'", 'services:'];
  for (const e of envs) {
    lines.push(
      `  ${e.name}:`,
      `    image: ${BENCH_IMAGE}`,
      `    container_name: ${e.container}`,
      `    command: ${q(BENCH_COMMAND)}`,
      `    ports: ["127.0.0.1:${e.port}:80"]`,
      `    volumes: [${q(`${e.volume}:/data`)}, "./shared:/shared:ro"]`,
      '    shm_size: 128m',
      '    restart: unless-stopped',
      `    environment: { ${Object.entries(e.environment).map(([k, v]) => `${k}: ${q(v)}`).join(', ')} }`,
      `    labels: { ${q(BENCH_LABEL)}: ${q(runId)} }`,
    );
  }
  lines.push('volumes:');
  // `name:` keeps the exact volume name (no project prefix), as envctl and `docker -v` do.
  for (const e of envs) lines.push(`  ${e.volume}: { name: ${e.volume}, labels: { ${q(BENCH_LABEL)}: ${q(runId)} } }`);
  return `${lines.join('\n')}\n`;
}

/** The common Ansible idiom: one docker_container task looped over the environments. */
export function ansiblePlaybook({ envs, runId, sharedDir }) {
  const items = envs.map((e) => ({
    name: e.container,
    port: `127.0.0.1:${e.port}:80`,
    volumes: [`${e.volume}:/data`, `${sharedDir}:/shared:ro`],
    env: e.environment,
  }));
  const play = [
    {
      hosts: 'localhost',
      connection: 'local',
      gather_facts: false,
      vars: { ansible_python_interpreter: '/usr/bin/python3', envs: items },
      tasks: [
        {
          name: 'environments',
          'community.docker.docker_container': {
            name: '{{ item.name }}',
            image: BENCH_IMAGE,
            command: BENCH_COMMAND,
            published_ports: ['{{ item.port }}'],
            volumes: '{{ item.volumes }}',
            shm_size: '128m',
            restart_policy: 'unless-stopped',
            env: '{{ item.env }}',
            labels: { [BENCH_LABEL]: runId },
            state: 'started',
            pull: false,
          },
          loop: '{{ envs }}',
          loop_control: { label: '{{ item.name }}' },
        },
      ],
    },
  ];
  // JSON is YAML: no YAML library needed, and nothing to quote by hand.
  return `${JSON.stringify(play, null, 2)}\n`;
}

/**
 * The engine floor's input: each container's Engine API create body, the same fields the other tools send (port,
 * named volume, read-only bind, shm_size, restart, environment, label), for bench/engine-floor.mjs.
 */
export function engineFloorRequests({ envs, runId, sharedDir }) {
  const requests = envs.map((e) => ({
    name: e.container,
    volume: e.volume,
    body: {
      Image: BENCH_IMAGE,
      Cmd: BENCH_COMMAND,
      Env: Object.entries(e.environment).map(([k, v]) => `${k}=${v}`),
      Labels: { [BENCH_LABEL]: runId },
      ExposedPorts: { '80/tcp': {} },
      HostConfig: {
        Binds: [`${e.volume}:/data`, `${sharedDir}:/shared:ro`],
        PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(e.port) }] },
        ShmSize: 128 * 1024 * 1024,
        RestartPolicy: { Name: 'unless-stopped' },
      },
    },
  }));
  return `${JSON.stringify({ label: [BENCH_LABEL, runId], requests })}\n`;
}

/** Writes the file for one tool's project into `dir` (with the shared bind source) and returns their paths. */
export function writeSpecs({ dir, tool, project, n, basePort, rev, runId }) {
  mkdirSync(join(dir, 'shared'), { recursive: true });
  const envs = benchEnvs({ project, n, basePort, rev });
  const files = {
    envctl: ['envctl.yaml', () => envctlSpec({ project, envs, runId })],
    compose: ['docker-compose.yml', () => composeFile({ envs, runId })],
    ansible: ['playbook.yml', () => ansiblePlaybook({ envs, runId, sharedDir: join(dir, 'shared') })],
    floor: ['requests.json', () => engineFloorRequests({ envs, runId, sharedDir: join(dir, 'shared') })],
  };
  const [name, render] = files[tool];
  const path = join(dir, name);
  writeFileSync(path, render());
  return { path, envs };
}
