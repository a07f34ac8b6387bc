// `docker service create` lines → one spec environment with `deploy:`: every flag of the docker CLI 28 is known, each
// mapped flag writes the spec keys Compose would, the ones that only shape the CLI call leave a note, the rest are
// usage errors naming the flag.
import { describe, expect, it } from 'vitest';
import { usageErrorOf } from '../../support/expect-error.js';
import { SERVICE_FLAGS } from '../../../src/features/import/docker-service-flags.js';
import type { MapContext } from '../../../src/features/import/map-run-to-environment.js';
import { mapServiceToEnvironment } from '../../../src/features/import/map-service-to-environment.js';
import { parseDockerService } from '../../../src/features/import/parse-docker-run.js';
import { toDockerCommand } from '../../../src/features/import/split-run-line.js';

/** `docker service create --help` of docker CLI 28.2.2, with the flags it hides from an older engine (API-gated). */
const DOCKER_28_FLAGS = [
  ...['cap-add', 'cap-drop', 'config', 'constraint', 'container-label', 'credential-spec', 'detach', 'dns', 'dns-option'],
  ...['dns-search', 'endpoint-mode', 'entrypoint', 'env', 'env-file', 'generic-resource', 'group', 'health-cmd'],
  ...['health-interval', 'health-retries', 'health-start-interval', 'health-start-period', 'health-timeout', 'host'],
  ...['hostname', 'init', 'isolation', 'label', 'limit-cpu', 'limit-memory', 'limit-pids', 'log-driver', 'log-opt'],
  ...['max-concurrent', 'mode', 'mount', 'name', 'network', 'no-healthcheck', 'no-resolve-image', 'oom-score-adj'],
  ...['placement-pref', 'publish', 'quiet', 'read-only', 'replicas', 'replicas-max-per-node', 'reserve-cpu', 'reserve-memory'],
  ...['restart-condition', 'restart-delay', 'restart-max-attempts', 'restart-window', 'rollback-delay', 'rollback-failure-action'],
  ...['rollback-max-failure-ratio', 'rollback-monitor', 'rollback-order', 'rollback-parallelism', 'secret', 'stop-grace-period'],
  ...['stop-signal', 'sysctl', 'tty', 'ulimit', 'update-delay', 'update-failure-action', 'update-max-failure-ratio'],
  ...['update-monitor', 'update-order', 'update-parallelism', 'user', 'with-registry-auth', 'workdir'],
  // pflag's own, on every command.
  'help',
];

const files: Record<string, string> = { '/home/al/proj/.env': 'A=1\nB=two\n' };
const ctx: MapContext = { cwd: '/home/al/proj', homeDir: '/home/al', readTextFile: (p) => files[p] ?? '' };
const imported = (argv: string[]) => mapServiceToEnvironment(parseDockerService(argv), ctx);
/** The spec keys a line writes, without image (and without `deploy: { replicas: 1 }`, docker's default written out). */
const keysOf = (argv: string[]) => {
  const { image: _image, ...fields } = imported([...argv, 'img']).fields;
  const deploy = fields.deploy as Record<string, unknown>;
  if (JSON.stringify(deploy) === '{"replicas":1}' && !argv.includes('--replicas')) delete fields.deploy;
  return fields;
};

/** One case per mapped flag (at least): the flag as written → the spec keys it writes. */
const MAPPED: [string[], Record<string, unknown>][] = [
  [['--cap-add', 'SYS_PTRACE'], { cap_add: ['SYS_PTRACE'] }],
  [['--cap-drop', 'NET_RAW'], { cap_drop: ['NET_RAW'] }],
  [['--constraint', 'node.role==worker', '--constraint', 'node.labels.gpu == true'], { deploy: { replicas: 1, placement: { constraints: ['node.role==worker', 'node.labels.gpu == true'] } } }],
  [['--container-label', 'team=vision', '--container-label', 'bare'], { labels: { team: 'vision', bare: '' } }],
  [['--dns', '1.1.1.1'], { dns: ['1.1.1.1'] }],
  [['--dns-search', 'lab.internal'], { dns_search: ['lab.internal'] }],
  [['--endpoint-mode', 'dnsrr'], { deploy: { replicas: 1, endpoint_mode: 'dnsrr' } }],
  [['--entrypoint', 'python -u'], { entrypoint: ['python', '-u'] }],
  [['--entrypoint', ''], {}],
  [['-e', 'A=1', '--env', 'TOKEN'], { environment: { A: '1', TOKEN: null } }],
  [['--env-file', '.env'], { env_file: ['/home/al/proj/.env'] }],
  [['--generic-resource', 'NVIDIA-GPU=2'], { deploy: { replicas: 1, resources: { reservations: { generic_resources: [{ discrete_resource_spec: { kind: 'NVIDIA-GPU', value: 2 } }] } } } }],
  [['--group', 'video'], { group_add: ['video'] }],
  [['--health-cmd', 'curl -f localhost', '--health-interval', '30s', '--health-timeout', '5s'], { healthcheck: { test: ['CMD-SHELL', 'curl -f localhost'], interval: '30s', timeout: '5s' } }],
  [['--health-retries', '3', '--health-start-period', '10s', '--health-start-interval', '1s'], { healthcheck: { retries: 3, start_period: '10s', start_interval: '1s' } }],
  [['--no-healthcheck'], { healthcheck: { disable: true } }],
  [['--host', 'db:10.0.0.5'], { extra_hosts: ['db:10.0.0.5'] }],
  [['--hostname', 'box'], { hostname: 'box' }],
  [['--init'], { init: true }],
  [['-l', 'team=vision', '--label', 'tier'], { deploy: { replicas: 1, labels: { team: 'vision', tier: '' } } }],
  [['--limit-cpu', '1.5', '--limit-memory', '512m', '--limit-pids', '100'], { deploy: { replicas: 1, resources: { limits: { cpus: 1.5, memory: '512m', pids: 100 } } } }],
  [['--limit-cpu', '0', '--limit-memory', '0', '--limit-pids', '0'], {}],
  [['--mode', 'global'], { deploy: { mode: 'global' } }],
  [['--mode', 'replicated', '--replicas', '3'], { deploy: { mode: 'replicated', replicas: 3 } }],
  [['--mount', 'type=volume,src=data,dst=/data', '--mount', 'type=bind,source=./code,target=/code,readonly'], {
    volumes: [{ type: 'volume', source: 'data', target: '/data' }, { type: 'bind', source: '/home/al/proj/code', target: '/code', read_only: true }],
  }],
  [['--name', 'web'], {}],
  [['--placement-pref', 'spread=node.labels.rack'], { deploy: { replicas: 1, placement: { preferences: [{ spread: 'node.labels.rack' }] } } }],
  [['-p', '8080:80', '--publish', '53:53/udp', '-p', '9000'], { ports: ['8080:80', '53:53/udp', '9000'] }],
  [['-p', 'mode=host,target=80,published=8080', '-p', 'target=53,protocol=udp,mode=ingress', '-p', 'Published=81,Target=82,Protocol=TCP'], {
    ports: [{ target: 80, published: 8080, mode: 'host' }, { target: 53, protocol: 'udp' }, { target: 82, published: 81 }],
  }],
  [['--read-only'], { read_only: true }],
  [['--replicas', '0'], { deploy: { replicas: 0 } }],
  [['--replicas-max-per-node', '1'], { deploy: { replicas: 1, placement: { max_replicas_per_node: 1 } } }],
  [['--reserve-cpu', '0.5', '--reserve-memory', '1g'], { deploy: { replicas: 1, resources: { reservations: { cpus: 0.5, memory: '1g' } } } }],
  [['--restart-condition', 'on-failure', '--restart-delay', '10s', '--restart-max-attempts', '3', '--restart-window', '2m'], {
    deploy: { replicas: 1, restart_policy: { condition: 'on-failure', delay: '10s', max_attempts: 3, window: '2m' } },
  }],
  [['--rollback-delay', '1s', '--rollback-failure-action', 'continue', '--rollback-max-failure-ratio', '0.5', '--rollback-monitor', '10s', '--rollback-order', 'start-first', '--rollback-parallelism', '2'], {
    deploy: { replicas: 1, rollback_config: { delay: '1s', failure_action: 'continue', max_failure_ratio: 0.5, monitor: '10s', order: 'start-first', parallelism: 2 } },
  }],
  [['--stop-grace-period', '1m30s'], { stop_grace_period: '1m30s' }],
  [['--stop-signal', 'SIGINT'], { stop_signal: 'SIGINT' }],
  [['--sysctl', 'net.core.somaxconn=1024'], { sysctls: { 'net.core.somaxconn': '1024' } }],
  [['-t'], { tty: true }],
  [['--ulimit', 'nofile=1024:4096'], { ulimits: { nofile: { soft: 1024, hard: 4096 } } }],
  [['--update-delay', '10s', '--update-failure-action', 'rollback', '--update-max-failure-ratio', '0.2', '--update-monitor', '5s', '--update-order', 'start-first', '--update-parallelism', '0'], {
    deploy: { replicas: 1, update_config: { delay: '10s', failure_action: 'rollback', max_failure_ratio: 0.2, monitor: '5s', order: 'start-first', parallelism: 0 } },
  }],
  [['-u', '1000:1000'], { user: '1000:1000' }],
  [['-w', '/srv'], { working_dir: '/srv' }],
];

describe('the docker service create flag table', () => {
  it('knows every flag of docker service create (docker CLI 28), each once, and lists none it maps as unmapped', () => {
    const names = SERVICE_FLAGS.flags.map((f) => f.name).sort();
    expect(names).toStrictEqual([...DOCKER_28_FLAGS].sort());
    expect(SERVICE_FLAGS.shadowed).toStrictEqual([]);
    const shorts = SERVICE_FLAGS.flags.flatMap((f) => (f.short === undefined ? [] : [`${f.short}=${f.name}`])).sort();
    expect(shorts).toStrictEqual(['d=detach', 'e=env', 'l=label', 'p=publish', 'q=quiet', 't=tty', 'u=user', 'w=workdir']);
  });

  it('has a test case for every flag it maps', () => {
    const mapped = SERVICE_FLAGS.flags.filter((f) => f.effect.kind === 'field').map((f) => f.name);
    const tested = new Set(MAPPED.flatMap(([argv]) => argv.filter((w) => w.startsWith('-')).map((w) => SERVICE_FLAGS.findLong(w.replace(/^--?/, ''))?.name ?? SERVICE_FLAGS.findShort(w.slice(1))?.name)));
    expect(mapped.filter((name) => !tested.has(name))).toStrictEqual([]);
    expect(mapped).toHaveLength(59);
  });
});

describe('a docker service create flag the spec can express', () => {
  it.each(MAPPED.map(([argv, fields]) => [argv.join(' '), argv, fields] as const))('%s', (_shown, argv, fields) => {
    expect(keysOf(argv)).toStrictEqual(fields);
  });
});

describe('a docker service create line', () => {
  it('maps the typical replicated service: key and name from --name, deploy: written in Compose order', () => {
    const env = imported([
      ...['--name', 'web', '--constraint', 'node.role==worker', '--replicas', '3', '--publish', 'mode=host,target=80,published=8080'],
      ...['--env', 'A=1', '--endpoint-mode', 'dnsrr', 'registry:5000/web:1', 'httpd', '-f'],
    ]);
    expect(env.key).toBe('web');
    expect(env.fields).toStrictEqual({
      ports: [{ target: 80, published: 8080, mode: 'host' }],
      environment: { A: '1' },
      image: 'registry:5000/web:1',
      command: ['httpd', '-f'],
      deploy: { replicas: 3, endpoint_mode: 'dnsrr', placement: { constraints: ['node.role==worker'] } },
    });
    expect(Object.keys(env.fields.deploy as object)).toStrictEqual(['replicas', 'endpoint_mode', 'placement']);
    expect(env.sources.deploy).toStrictEqual(['--constraint node.role==worker', '--replicas 3', '--endpoint-mode dnsrr']);
    expect(env.notes).toStrictEqual(['--name web: the service is named <project>-web (envctl names a service after its project and environment)']);
    expect(env.sources.container_name).toBeUndefined();
  });

  it('without deploy flags it is still a service: one replica, as docker service create runs', () => {
    expect(imported(['img']).fields).toStrictEqual({ image: 'img', deploy: { replicas: 1 } });
  });

  it('flags that only shape the docker service create call leave a note each, and set nothing', () => {
    const env = imported(['-d', '-q', '--with-registry-auth', '--no-resolve-image', '--network', 'lab', 'img']);
    expect(env.fields).toStrictEqual({ image: 'img', deploy: { replicas: 1 } });
    expect(env.notes.map((n) => n.split(': ')[0])).toStrictEqual(['-d', '-q', '--with-registry-auth', '--no-resolve-image', '--network lab']);
    expect(env.notes[4]).toContain('one overlay network of its own');
    expect(env.notes[0]).toBe('-d: not carried over; envctl apply itself waits until the replicas run, or says why they cannot');
    expect(imported(['--detach=false', 'img']).notes).toStrictEqual([]);
  });

  it('a flag the spec cannot express is a usage error that names it', () => {
    const refused = SERVICE_FLAGS.flags.filter((f) => f.effect.kind === 'inexpressible');
    expect(refused.map((f) => f.name)).toStrictEqual(['config', 'credential-spec', 'dns-option', 'help', 'isolation', 'log-driver', 'log-opt', 'max-concurrent', 'oom-score-adj', 'secret']);
    for (const flag of refused) {
      const argv = flag.takesValue ? [`--${flag.name}`, 'x', 'img'] : [`--${flag.name}`, 'img'];
      const error = usageErrorOf(() => imported(argv));
      expect(error.message, flag.name).toMatch(new RegExp(`^--${flag.name}( x)? cannot be expressed in an envctl spec: `));
    }
    expect(usageErrorOf(() => imported(['--secret', 'db_pass', 'img'])).message).toBe('--secret db_pass cannot be expressed in an envctl spec: the spec has no Swarm secrets');
  });

  it('a value the spec cannot hold, or docker would refuse, is a usage error naming the flag as written', () => {
    const message = (argv: string[]) => usageErrorOf(() => imported([...argv, 'img'])).message;
    expect(message(['--mode', 'replicated-job'])).toMatch(/^--mode replicated-job: a job runs to completion/);
    expect(message(['--mode', 'global', '--replicas', '2'])).toBe('--replicas 2: docker service create refuses --replicas with --mode global (one task on every node)');
    expect(message(['--replicas', '2', '--mode=global'])).toMatch(/^--mode=global: docker service create refuses --replicas/);
    expect(message(['--mode', 'sometimes'])).toBe('--mode sometimes: "sometimes" is not one of replicated, global');
    expect(message(['--replicas', '-1'])).toBe('--replicas -1: "-1" is not a whole number ≥ 0');
    expect(message(['--generic-resource', 'NVIDIA-GPU=GPU-1'])).toMatch(/^--generic-resource NVIDIA-GPU=GPU-1: "GPU-1" names one resource/);
    expect(message(['--generic-resource', 'NVIDIA-GPU'])).toContain('is not KIND=COUNT');
    expect(message(['-p', '127.0.0.1:8080:80'])).toMatch(/^-p 127\.0\.0\.1:8080:80: a service takes no host IP/);
    expect(message(['-p', 'target=80,mode=bridge'])).toBe('-p target=80,mode=bridge: mode=bridge is not one of ingress, host');
    expect(message(['-p', 'published=8080'])).toMatch(/: the port has no target/);
    expect(message(['-p', 'target=80,name=web'])).toContain('"name=web" is not a --publish option');
    expect(message(['-p', 'target=99999'])).toContain('target=99999 is not a port number');
    expect(message(['--placement-pref', 'pack=node.id'])).toContain('is not spread=DESCRIPTOR');
    expect(message(['--rollback-failure-action', 'rollback'])).toBe('--rollback-failure-action rollback: "rollback" is not one of pause, continue');
    expect(message(['--update-max-failure-ratio', '2'])).toContain('is not a ratio from 0 to 1');
    expect(message(['--restart-delay', 'soon'])).toContain('"soon" is not a duration');
    expect(message(['--limit-memory', 'lots'])).toContain('"lots" is not a size');
    expect(message(['--limit-cpu', 'many'])).toContain('is not a number of CPUs');
    expect(message(['--mount', 'type=bind,src=/a,dst=/b,bind-propagation=shared'])).toContain('"bind-propagation"');
  });

  it('a docker run flag that docker service create does not have is unknown there, with the command named', () => {
    const error = usageErrorOf(() => parseDockerService(['--gpus', 'all', 'img']));
    expect(error.message).toBe('unknown docker service create flag --gpus');
    expect(error.hint).toBe('envctl import knows the flags of `docker service create`; check the spelling, or see `docker service create --help`');
    // -h is --hostname in docker run, nothing in docker service create.
    expect(usageErrorOf(() => parseDockerService(['-h', 'box', 'img'])).message).toBe('unknown docker service create flag -h');
    expect(usageErrorOf(() => parseDockerService(['-d'])).message).toBe('the docker service create line names no image');
  });
});

describe('toDockerCommand', () => {
  it('tells a docker service create line from a docker run line, and drops the leading words', () => {
    expect(toDockerCommand(['docker', 'service', 'create', '--replicas', '2', 'img'])).toStrictEqual({ kind: 'service', args: ['--replicas', '2', 'img'] });
    expect(toDockerCommand(['sudo docker service create --name web img'])).toStrictEqual({ kind: 'service', args: ['--name', 'web', 'img'] });
    expect(toDockerCommand(['docker', 'run', 'img'])).toStrictEqual({ kind: 'run', args: ['img'] });
    expect(usageErrorOf(() => toDockerCommand(['docker', 'service', 'update', 'web'])).message).toBe('envctl import reads `docker service create` lines, found `docker service update`');
    expect(usageErrorOf(() => toDockerCommand(['docker', 'service', 'create'])).message).toBe('no docker service create line to import');
  });
});
