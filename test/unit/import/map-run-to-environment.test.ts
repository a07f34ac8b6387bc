// A docker run line → one spec environment: every flag the spec can express is mapped, the rest is named.
import { describe, expect, it } from 'vitest';
import { usageErrorOf } from '../../support/expect-error.js';
import { mapRunToEnvironment, toEnvKey, type MapContext } from '../../../src/features/import/map-run-to-environment.js';
import { parseDockerRun } from '../../../src/features/import/parse-docker-run.js';
import { renderNewSpec } from '../../../src/features/import/render-import-yaml.js';
import { toDockerCommand } from '../../../src/features/import/split-run-line.js';

const ctx: MapContext = { cwd: '/home/al/proj', homeDir: '/home/al', readTextFile: () => '' };
const imported = (argv: string[], extra: Partial<MapContext> = {}) => mapRunToEnvironment(parseDockerRun(argv), { ...ctx, ...extra });

describe('mapRunToEnvironment', () => {
  it('maps a GPU training line: --name is the exact container name and the key, -it is stdin_open + tty', () => {
    const env = imported([
      ...['-it', '--rm', '--gpus', 'all', '--shm-size', '32g', '--ipc=host', '-p', '8022:22', '-p', '8888'],
      ...['-v', '/data/coco:/data:ro', '-v', './code:/workspace', '-v', '~/cache:/root/.cache', '-v', 'alice-home:/root'],
      ...['--name', 'alice.det', '-e', 'PYTHONUNBUFFERED=1', '-e', 'WANDB_API_KEY', 'pytorch/pytorch:2.4', 'sleep', 'infinity'],
    ]);
    expect(env.key).toBe('alice.det');
    expect(env.fields).toStrictEqual({
      stdin_open: true,
      tty: true,
      gpus: 'all',
      shm_size: '32g',
      ipc: 'host',
      ports: ['8022:22', '8888'],
      volumes: ['/data/coco:/data:ro', '/home/al/proj/code:/workspace', '/home/al/cache:/root/.cache', 'alice-home:/root'],
      container_name: 'alice.det',
      environment: { PYTHONUNBUFFERED: '1', WANDB_API_KEY: null },
      image: 'pytorch/pytorch:2.4',
      command: ['sleep', 'infinity'],
    });
    expect(env.notes).toHaveLength(1);
    expect(env.notes[0]).toMatch(/^--rm: no lasting meaning/);
    expect(env.sources.ports).toStrictEqual(['-p 8022:22', '-p 8888']);
  });

  it('maps daemons, limits and the lab fields', () => {
    const env = imported([
      ...['-d', '--restart=on-failure:3', '-w', '/srv', '-u', '1000:1000', '-h', 'box', '--dns', '1.1.1.1', '--dns-search', 'lab'],
      ...['--add-host', 'db:10.0.0.5', '-m', '1g', '--memory-swap=-1', '--cpus', '2.5', '--cpuset-cpus', '0-3', '--expose', '9000'],
      ...['--runtime', 'nvidia', '--ulimit', 'memlock=-1', '--ulimit', 'nofile=1024:4096', '--cap-add', 'SYS_PTRACE', '--cap-drop=MKNOD'],
      ...['--device', '/dev/fuse', '--privileged', '--init', '--stop-signal', 'SIGINT', '--stop-timeout', '30', '--pids-limit', '100'],
      ...['--group-add', 'video', '--security-opt', 'seccomp=unconfined', '--sysctl', 'net.core.somaxconn=1024', '--tmpfs', '/run:size=64m'],
      ...['--health-cmd', 'curl -f localhost', '--health-interval=30s', '--health-retries', '3', '-l', 'team=vision', '--entrypoint', '/bin/sh'],
      ...['--mount', 'type=volume,src=ds,dst=/ds,readonly', '--mount', 'type=bind,source=./x,target=/x', '--network', 'host', 'img'],
    ]);
    expect(env.key).toBe('img');
    expect(env.fields).toStrictEqual({
      restart: 'on-failure:3',
      working_dir: '/srv',
      user: '1000:1000',
      hostname: 'box',
      dns: ['1.1.1.1'],
      dns_search: ['lab'],
      extra_hosts: ['db:10.0.0.5'],
      mem_limit: '1g',
      memory_swap: -1,
      cpus: 2.5,
      cpuset: '0-3',
      expose: ['9000'],
      runtime: 'nvidia',
      ulimits: { memlock: -1, nofile: { soft: 1024, hard: 4096 } },
      cap_add: ['SYS_PTRACE'],
      cap_drop: ['MKNOD'],
      devices: ['/dev/fuse'],
      privileged: true,
      init: true,
      stop_signal: 'SIGINT',
      stop_grace_period: '30s',
      pids_limit: 100,
      group_add: ['video'],
      security_opt: ['seccomp=unconfined'],
      sysctls: { 'net.core.somaxconn': '1024' },
      tmpfs: ['/run:size=64m'],
      healthcheck: { test: ['CMD-SHELL', 'curl -f localhost'], interval: '30s', retries: 3 },
      labels: { team: 'vision' },
      entrypoint: ['/bin/sh'],
      volumes: [
        { type: 'volume', source: 'ds', target: '/ds', read_only: true },
        { type: 'bind', source: '/home/al/proj/x', target: '/x' },
      ],
      network_mode: 'host',
      image: 'img',
    });
    expect(env.notes).toStrictEqual([]);
  });

  it('a flag the spec cannot express is a usage error that names it', () => {
    expect(usageErrorOf(() => imported(['--log-driver', 'syslog', 'img'])).message).toMatch(/^--log-driver syslog cannot be expressed in an envctl spec: /);
    expect(usageErrorOf(() => imported(['-P', 'img'])).message).toMatch(/^-P \(--publish-all\) cannot be expressed/);
    expect(usageErrorOf(() => imported(['-v', '/scratch', 'img'])).message).toContain('anonymous volume');
    expect(usageErrorOf(() => imported(['-v', '/a:/b:z', 'img'])).message).toContain('mount options "z"');
    expect(usageErrorOf(() => imported(['--mount', 'type=bind,src=/a,dst=/b,bind-propagation=shared', 'img'])).message).toContain('"bind-propagation"');
    expect(usageErrorOf(() => imported(['-p', '80:80:80', 'img'])).message).toMatch(/^-p 80:80:80: /);
    expect(usageErrorOf(() => imported(['--gpus', 'all', '--gpus', '1', 'img'])).message).toContain('given twice');
    expect(usageErrorOf(() => imported(['--shm-size', 'lots', 'img'])).message).toContain('"lots" is not a size');
  });

  it('flags that only shape the docker run call leave a note, -d none', () => {
    const env = imported(['-d', '-a', 'stdout', '--cidfile', '/tmp/id', '--pull', 'missing', 'img']);
    expect(env.fields).toStrictEqual({ image: 'img' });
    expect(env.notes.map((n) => n.split(':')[0])).toStrictEqual(['-a stdout', '--cidfile /tmp/id', '--pull missing']);
  });

  it('--env-file is referenced only when docker and env_file read it alike; --label-file is copied', () => {
    const files: Record<string, string> = { '/home/al/proj/.env': 'A=1\n# c\nB=two words\n', '/q.env': 'A="quoted"\n', '/l': 'team=x\n' };
    const read = (p: string) => files[p] ?? '';
    expect(imported(['--env-file', '.env', '--label-file', '/l', 'img'], { readTextFile: read }).fields).toStrictEqual({
      env_file: ['/home/al/proj/.env'],
      labels: { team: 'x' },
      image: 'img',
    });
    expect(usageErrorOf(() => imported(['--env-file', '/q.env', 'img'], { readTextFile: read })).message).toContain('line 1 of /q.env');
  });

  it('an environment key comes from --name-as-env, --name, or the image name', () => {
    expect(imported(['--name', 'x', 'img'], { envKey: 'mine' }).key).toBe('mine');
    expect(imported(['ghcr.io/org/app:1.2@sha256:abc']).key).toBe('app');
    expect(toEnvKey('_weird name!')).toBe('weird-name');
  });
});

describe('--gpus device=1,2 as lab notes write it (no inner quotes)', () => {
  it('imports devices 1 and 2, as meant, with a comment in the written YAML saying so', () => {
    const env = imported(['--gpus', 'device=1,2', 'img']);
    expect(env.fields.gpus).toStrictEqual([1, 2]);
    const text = renderNewSpec(env);
    expect(text).toContain(`environments:\n  # --gpus device=1,2: read as devices 1 and 2, as meant (docker itself reads it as device 1 + count 2, which the NVIDIA runtime refuses at start; for docker, quote it: --gpus '"device=1,2"')\n  img:\n`);
    expect(text).toContain('gpus: [ 1, 2 ]');
  });

  it('the quoted form docker needs is imported the same, without a comment', () => {
    const env = imported(toDockerCommand([`docker run --gpus '"device=1,2"' img`]).args);
    expect(env.fields.gpus).toStrictEqual([1, 2]);
    expect(env.notes).toEqual([]);
  });
});

describe('a secret-looking -e NAME=value in the line', () => {
  it('is not copied into the spec (printed or written): NAME: with a comment, read from the shell at apply', async () => {
    const { runImport } = await import('../../../src/features/import/run-import.js');
    const noEngine = () => {
      throw new Error('import of a run line needs no engine');
    };
    const result = await runImport({ words: ['docker', 'run', '-e', 'HF_TOKEN=hf-Qp42-value', '-e', 'MODE=dev', '-e', 'WANDB_API_KEY', 'img'], cwd: '/tmp', environ: {} }, noEngine);
    expect(result.text).not.toContain('hf-Qp42-value');
    expect(result.text).toContain('HF_TOKEN: null # value not copied from the docker run line (the name looks secret): set HF_TOKEN in your environment when you apply');
    expect(result.text).toContain('WANDB_API_KEY: null # taken from your environment when applied');
    expect(result.text).toContain('MODE: dev');
  });
});
