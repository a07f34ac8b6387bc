// Normalization of each implemented field into the canonical environment, and the semantic checks on them.
import { describe, expect, test } from 'vitest';
import { loadSpec } from '../../../src/spec/load-spec.js';
import { load, problems, writeSpecFile } from './write-spec-file.js';

const one = async (envYaml: string, environ: Record<string, string> = {}, files: Record<string, string> = {}) => {
  const state = await load(`environments:\n  box:\n    image: x\n${envYaml}`, { environ }, files);
  const env = state.environments[0];
  if (!env) throw new Error('no environment');
  return env;
};

describe('an omitted field is the engine default, so a manual change away from it is drift', () => {
  test('a minimal environment is filled in completely', async () => {
    const state = await load('environments:\n  box:\n    image: busybox\n');
    expect(state).toEqual({
      project: 'lab',
      specFile: expect.stringMatching(/\/lab\/envctl\.yaml$/),
      environments: [
        {
          project: 'lab',
          name: 'box',
          containerName: 'lab-box',
          image: 'busybox:latest',
          command: null,
          entrypoint: null,
          environment: {},
          workingDir: null,
          user: null,
          hostname: null,
          ports: [],
          mounts: [],
          shmSizeBytes: 64 * 1024 * 1024,
          ipc: 'private',
          restart: { name: 'no', maxRetries: 0 },
          labels: {},
          state: 'running',
          tty: false,
          stdinOpen: false,
          networkMode: 'bridge',
          dns: [],
          extraHosts: [],
          memLimitBytes: 0,
          cpus: 0,
          cpuset: '',
          deploy: null,
          gpus: [],
          runtime: 'runc',
          ulimits: [],
          devices: [],
          capAdd: [],
          capDrop: [],
          privileged: false,
          readOnly: false,
          init: false,
          stopSignal: null,
          stopGracePeriodSeconds: null,
          groupAdd: [],
          securityOpt: [],
          sysctls: {},
          expose: [],
          dnsSearch: [],
          pidsLimit: 0,
          memSwapBytes: 0,
          healthcheck: null,
          ssh: null,
        },
      ],
      volumes: [],
    });
  });
});

describe('project name', () => {
  test('defaults to the spec folder name, lowercased and sanitized', async () => {
    const { file } = writeSpecFile('environments:\n  box: {image: x}\n', {}, 'My Lab.2024');
    const state = await loadSpec(file, { environ: {} });
    expect(state.project).toBe('my-lab-2024');
    expect(state.environments[0]?.containerName).toBe('my-lab-2024-box');
  });
  test('an explicit project must be a valid name', async () => {
    expect(await problems('project: Vision Lab\nenvironments:\n  box: {image: x}\n')).toEqual([
      'envctl.yaml:1:10: `project` must be lowercase letters, digits, _ and - (starting with a letter or digit), found the string "Vision Lab"',
    ]);
  });
});

describe('environment variables', () => {
  test('map form: numbers and booleans become strings, null takes the value from your environment', async () => {
    const env = await one('    environment: {A: 1, B: true, C: 1.5, HOME: null, UNSET: null, S: text}\n', { HOME: '/home/alice' });
    expect(env.environment).toEqual({ A: '1', B: 'true', C: '1.5', HOME: '/home/alice', S: 'text' });
  });
  test('list form: "K=V", and a bare "K" from your environment (left out when unset)', async () => {
    const env = await one('    environment: ["A=1", "EQ=a=b", "EMPTY=", HOME, UNSET]\n', { HOME: '/home/alice' });
    expect(env.environment).toEqual({ A: '1', EMPTY: '', EQ: 'a=b', HOME: '/home/alice' });
  });
  test('env_file supplies values relative to the spec; `environment` wins; later files win', async () => {
    const env = await one('    env_file: [conf/base.env, conf/det.env]\n    environment: {A: from-spec}\n', {}, {
      'conf/base.env': 'A=base\nB=base\nC=base\n',
      'conf/det.env': 'C=det\n',
    });
    expect(env.environment).toEqual({ A: 'from-spec', B: 'base', C: 'det' });
  });
  test('a missing env_file is reported at its entry', async () => {
    const found = await problems('environments:\n  box:\n    image: x\n    env_file: .env.det\n');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^envctl\.yaml:4:15: env_file "\.env\.det" does not exist \(looked at /);
  });
});

describe('the rest of the environment fields', () => {
  test('every implemented field in its canonical form', async () => {
    const env = await one(
      [
        '    container_name: det-box',
        '    command: python train.py --epochs 3',
        '    entrypoint: ["/bin/bash", "-lc"]',
        '    working_dir: /workspace',
        '    user: 1000',
        '    hostname: det-box',
        '    shm_size: 32g',
        '    ipc: host',
        '    restart: on-failure:3',
        '    labels: ["team=vision", "solo"]',
        '    state: paused',
        '    tty: true',
        '    stdin_open: true',
        '    network_mode: host',
        '    dns: [9.9.9.9, 1.1.1.1]',
        '    extra_hosts: ["db:10.0.0.5", "gw=host-gateway", "v6:::1"]',
        '    mem_limit: 64g',
        '    cpus: "2.5"',
        '    cpuset: 0-7',
        '',
      ].join('\n'),
    );
    expect(env).toMatchObject({
      containerName: 'det-box',
      command: ['python', 'train.py', '--epochs', '3'],
      entrypoint: ['/bin/bash', '-lc'],
      workingDir: '/workspace',
      user: '1000',
      hostname: 'det-box',
      shmSizeBytes: 32 * 1024 ** 3,
      ipc: 'host',
      restart: { name: 'on-failure', maxRetries: 3 },
      labels: { solo: '', team: 'vision' },
      state: 'paused',
      tty: true,
      stdinOpen: true,
      networkMode: 'host',
      dns: ['9.9.9.9', '1.1.1.1'],
      extraHosts: ['db:10.0.0.5', 'gw:host-gateway', 'v6:::1'],
      memLimitBytes: 64 * 1024 ** 3,
      cpus: 2.5,
      cpuset: '0-7',
    });
  });

  test('`command: []` is the image default, as the engine treats an empty Cmd (else it would be drift forever)', async () => {
    expect((await one('    command: []\n')).command).toBeNull();
    expect((await one('    entrypoint: []\n')).entrypoint).toEqual([]);
  });

  test('`restart: no` stays the string "no" (YAML 1.2)', async () => {
    expect((await one('    restart: no\n')).restart).toEqual({ name: 'no', maxRetries: 0 });
  });

  test('ports are sorted by target, protocol, host IP, published; mounts by target', async () => {
    const env = await one('    ports: ["9000:80/udp", "127.0.0.1:8001:80", "8000:80", 22]\n    volumes: [./b:/b, aa:/a, {type: tmpfs, target: /tmp}]\n');
    expect(env.ports).toEqual([
      { target: 22, published: null, hostIp: '0.0.0.0', protocol: 'tcp' },
      { target: 80, published: 8000, hostIp: '0.0.0.0', protocol: 'tcp' },
      { target: 80, published: 8001, hostIp: '127.0.0.1', protocol: 'tcp' },
      { target: 80, published: 9000, hostIp: '0.0.0.0', protocol: 'udp' },
    ]);
    expect(env.mounts.map((m) => m.target)).toEqual(['/a', '/b', '/tmp']);
  });

  test('semantic problems in fields are located', async () => {
    const found = await problems(
      [
        'environments:',
        '  box:',
        '    image: x',
        '    working_dir: workspace',
        '    volumes: [/a:/data, bb:/data/]',
        '    cpuset: "0-"',
        '    dns: [one.one.one.one]',
        '    extra_hosts: ["db"]',
        '    cpus: "-1"',
        '',
      ].join('\n'),
    );
    expect(found).toEqual([
      'envctl.yaml:4:18: working_dir "workspace" must be an absolute path inside the container',
      'envctl.yaml:5:25: two mounts target /data/ (the other is at envctl.yaml:5:15) (each container path can be mounted once)',
      'envctl.yaml:6:13: cpuset "0-" is not a CPU list (e.g. "0-7" or "0,2,4")',
      'envctl.yaml:7:11: dns server "one.one.one.one" is not an IP address',
      'envctl.yaml:8:19: extra_hosts entry "db" is not "host:ip"',
      'envctl.yaml:9:11: cpus "-1" is not a number of CPUs (e.g. 8, 0.5 or 1.25; 0 = no limit)',
    ]);
  });
});

describe('named volumes', () => {
  test('declared volumes keep their options; used ones appear too; sorted by name', async () => {
    const state = await load(
      [
        'environments:',
        '  box:',
        '    image: x',
        '    volumes: [home:/root, cache:/cache, /data:/data]',
        'volumes:',
        '  home: {labels: {team: vision}, driver_opts: {type: none, o: bind, size: 10}}',
        '  unused:',
        '  custom: {driver: nfs}',
        '',
      ].join('\n'),
    );
    expect(state.volumes).toEqual([
      { name: 'cache', driver: 'local', driverOpts: {}, labels: {}, declared: false },
      { name: 'custom', driver: 'nfs', driverOpts: {}, labels: {}, declared: true },
      { name: 'home', driver: 'local', driverOpts: { o: 'bind', size: '10', type: 'none' }, labels: { team: 'vision' }, declared: true },
      { name: 'unused', driver: 'local', driverOpts: {}, labels: {}, declared: true },
    ]);
  });

  test('volume names and labels are checked', async () => {
    expect(await problems('environments:\n  box: {image: x}\nvolumes:\n  x: {}\n  ok: {labels: [dev.envctl.project=a]}\n')).toEqual([
      'envctl.yaml:4:3: `x` is not a volume name (2 to 255 letters, digits, _ . -)',
      'envctl.yaml:5:17: label `dev.envctl.project` uses the prefix `dev.envctl.`, which envctl reserves for itself (choose another label name)',
    ]);
  });
});

describe('environments', () => {
  test('come out sorted by name', async () => {
    const state = await load('environments:\n  zeta: {image: x}\n  alpha: {image: x}\n  mid: {image: x}\n');
    expect(state.environments.map((e) => e.name)).toEqual(['alpha', 'mid', 'zeta']);
  });
});
