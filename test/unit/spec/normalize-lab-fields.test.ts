// The lab fields as a user writes them (Compose forms) normalize to the engine's canonical values, and mistakes are
// reported at their line with a hint.
import { describe, expect, test } from 'vitest';
import { reconcile } from '../../../src/plan/reconcile.js';
import { environmentProblems, loadEnvironments } from './write-spec-file.js';

const load = async (body: string) => (await loadEnvironments(body)).state;
const problems = environmentProblems;

describe('lab fields, written as in Compose', () => {
  test('every form of gpus becomes one device request', async () => {
    const state = await load(
      [
        '  a: { image: x, gpus: all }',
        '  b: { image: x, gpus: 2 }',
        '  c: { image: x, gpus: [0, "3"] }',
        '  d: { image: x, gpus: { device_ids: [1], capabilities: [compute, utility], driver: nvidia } }',
        '  e: { image: x, gpus: { capabilities: [compute] } }',
        '  f: { image: x, gpus: 0 }',
        '',
      ].join('\n'),
    );
    expect(state.environments.map((e) => e.gpus)).toEqual([
      [{ driver: '', count: -1, deviceIds: [], capabilities: ['gpu'] }],
      [{ driver: '', count: 2, deviceIds: [], capabilities: ['gpu'] }],
      [{ driver: '', count: 0, deviceIds: ['0', '3'], capabilities: ['gpu'] }],
      [{ driver: 'nvidia', count: 0, deviceIds: ['1'], capabilities: ['compute', 'gpu', 'utility'] }],
      [{ driver: '', count: -1, deviceIds: [], capabilities: ['compute', 'gpu'] }],
      [],
    ]);
  });

  test('a GPU count past any machine (1e308 once made plan build an array of that length) is a located error', async () => {
    expect(await problems('  a: { image: x, gpus: 1e308 }\n  b: { image: x, gpus: { count: 1025 } }\n')).toEqual([
      '3:24: a GPU count of 1e+308 is more than a machine has (at most 1024)',
      '4:24: a GPU count of 1025 is more than a machine has (at most 1024)',
    ]);
  });

  test('maps in the list of GPU ids are named by the schema alone (the fuzzer found "GPU [object Object] is listed twice")', async () => {
    expect(await problems('  a:\n    image: x\n    gpus:\n      - { type: tmpfs }\n      - { type: tmpfs }\n')).toEqual([
      '6:9: `gpus[0]` must be a whole number or a string, found a map',
      '7:9: `gpus[1]` must be a whole number or a string, found a map',
    ]);
  });

  test('ulimits, devices, capabilities, stop, health, tmpfs, expose and limits take their canonical forms', async () => {
    const [env] = (
      await load(
        [
          '  box:',
          '    image: x',
          '    ulimits: { nofile: { soft: 1024, hard: 4096 }, memlock: -1 }',
          '    devices: ["/dev/fuse", "/dev/zero:/dev/z:r"]',
          '    cap_add: [sys_ptrace, CAP_NET_ADMIN]',
          '    cap_drop: [all]',
          '    stop_grace_period: 1m30s',
          '    stop_signal: SIGINT',
          '    healthcheck: { test: "curl -f http://localhost/", interval: 30s, retries: 3 }',
          '    tmpfs: ["/run:size=64m", /cache]',
          '    volumes: ["/data:/data:ro"]',
          '    ports: ["8080:80"]',
          '    expose: [80, "9000-9001", "53/udp"]',
          '    sysctls: ["net.core.somaxconn=1024"]',
          '    group_add: [video, 44]',
          '    dns_search: example.com',
          '    pids_limit: -1',
          '    mem_limit: 1g',
          '    memory_swap: 2g',
          '',
        ].join('\n'),
      )
    ).environments;
    expect(env).toMatchObject({
      ulimits: [
        { name: 'memlock', soft: -1, hard: -1 },
        { name: 'nofile', soft: 1024, hard: 4096 },
      ],
      devices: ['/dev/fuse:/dev/fuse:rwm', '/dev/zero:/dev/z:r'],
      capAdd: ['CAP_NET_ADMIN', 'CAP_SYS_PTRACE'],
      capDrop: ['ALL'],
      stopGracePeriodSeconds: 90,
      stopSignal: 'SIGINT',
      healthcheck: { test: ['CMD-SHELL', 'curl -f http://localhost/'], intervalNs: 30e9, timeoutNs: 0, startPeriodNs: 0, retries: 3 },
      mounts: [
        { type: 'tmpfs', target: '/cache', sizeBytes: null },
        { type: 'bind', source: '/data', target: '/data', readOnly: true },
        { type: 'tmpfs', target: '/run', sizeBytes: 64 * 1024 ** 2 },
      ],
      // 80/tcp is published, so it is not repeated under expose.
      expose: ['53/udp', '9000/tcp', '9001/tcp'],
      sysctls: { 'net.core.somaxconn': '1024' },
      groupAdd: ['44', 'video'],
      dnsSearch: ['example.com'],
      pidsLimit: 0,
      // Twice mem_limit is the engine's own default: one canonical form for both.
      memSwapBytes: 0,
    });
  });

  test('mistakes are located and explained', async () => {
    expect(
      await problems(
        [
          '  a:',
          '    image: x',
          '    gpus: { count: 2, device_ids: [0] }',
          '    ulimits: { memlok: 1 }',
          '    stop_grace_period: 1.5s',
          '    memory_swap: 2g',
          '    devices: ["dev/fuse"]',
          '    healthcheck: { test: [curl, -f, localhost], interval: 30s }',
          '    tmpfs: ["/run:mode=1777"]',
          '  b:',
          '    image: x',
          '    network_mode: container:lab-a',
          '    ports: ["8080:80"]',
          '',
        ].join('\n'),
      ),
    ).toEqual([
      '5:11: `gpus` cannot have both `count` and `device_ids`',
      '6:16: `memlok` is not a ulimit',
      '7:24: stop_grace_period must be whole seconds (the engine counts in seconds), found 1.5s',
      '8:18: memory_swap needs mem_limit: the engine limits memory + swap only when memory is limited',
      '9:15: "dev/fuse" is not a device',
      '10:26: a healthcheck test list starts with "CMD", "CMD-SHELL" or "NONE"',
      '11:13: tmpfs "/run:mode=1777": only the size= option is supported, found "mode=1777"',
      "14:19: network_mode container:lab-a shares that container's network, so ports cannot be set here",
    ]);
  });
});

describe('a container that joins another container\'s namespaces', () => {
  test('is created after the container it joins', async () => {
    const state = await load('  a: { image: x, ipc: shareable }\n  b: { image: x, ipc: "container:lab-a", network_mode: "container:lab-a" }\n');
    const plan = reconcile(state, { project: 'lab', containers: [], foreignNames: {}, images: { 'x:latest': true }, volumes: {} });
    expect(plan.actions.find((a) => a.id === 'create env:b')?.dependsOn).toContain('create env:a');
  });
});
