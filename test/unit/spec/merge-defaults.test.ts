// How `defaults` merge under environments, and Compose habits (x- anchors, <<) that keep working.
import { describe, expect, test } from 'vitest';
import { load } from './write-spec-file.js';

describe('defaults merge under environments', () => {
  const spec = `
defaults:
  image: ubuntu:24.04
  restart: unless-stopped
  shm_size: 1g
  environment: {TZ: UTC, LANG: C.UTF-8}
  labels: {team: vision, tier: dev}
  extra_hosts: {db: 10.0.0.5, cache: 10.0.0.6}
  dns: [1.1.1.1, 8.8.8.8]
  ports: ["9000:9000"]
environments:
  plain: {}
  custom:
    image: debian:12
    environment: {TZ: Europe/Paris, EXTRA: "1"}
    labels: {tier: prod}
    extra_hosts: {db: 10.0.0.9}
    dns: 9.9.9.9
    ports: ["9001:9000"]
    restart: "no"
`;

  test('an environment that says nothing takes every default', async () => {
    const state = await load(spec);
    const plain = state.environments.find((e) => e.name === 'plain');
    expect(plain).toMatchObject({
      image: 'ubuntu:24.04',
      restart: { name: 'unless-stopped', maxRetries: 0 },
      shmSizeBytes: 1024 ** 3,
      environment: { LANG: 'C.UTF-8', TZ: 'UTC' },
      labels: { team: 'vision', tier: 'dev' },
      extraHosts: ['cache:10.0.0.6', 'db:10.0.0.5'],
      dns: ['1.1.1.1', '8.8.8.8'],
      ports: [{ target: 9000, published: 9000, hostIp: '0.0.0.0', protocol: 'tcp' }],
    });
  });

  test('maps merge with the environment winning; lists and scalars replace', async () => {
    const state = await load(spec);
    const custom = state.environments.find((e) => e.name === 'custom');
    expect(custom).toMatchObject({
      image: 'debian:12',
      restart: { name: 'no', maxRetries: 0 },
      shmSizeBytes: 1024 ** 3,
      environment: { EXTRA: '1', LANG: 'C.UTF-8', TZ: 'Europe/Paris' },
      labels: { team: 'vision', tier: 'prod' },
      extraHosts: ['cache:10.0.0.6', 'db:10.0.0.9'],
      dns: ['9.9.9.9'],
      ports: [{ target: 9000, published: 9001, hostIp: '0.0.0.0', protocol: 'tcp' }],
    });
  });

  test('extra_hosts as a list replaces the defaults', async () => {
    const state = await load('defaults: {extra_hosts: {db: 10.0.0.5}}\nenvironments:\n  box: {image: x, extra_hosts: ["git:10.0.0.7"]}\n');
    expect(state.environments[0]?.extraHosts).toEqual(['git:10.0.0.7']);
  });

  test('defaults.ports_host_ip decides where ports without an IP listen', async () => {
    const state = await load('defaults: {ports_host_ip: 127.0.0.1}\nenvironments:\n  box: {image: x, ports: ["8080:80", "0.0.0.0:8443:443"]}\n');
    expect(state.environments[0]?.ports).toEqual([
      { target: 80, published: 8080, hostIp: '127.0.0.1', protocol: 'tcp' },
      { target: 443, published: 8443, hostIp: '0.0.0.0', protocol: 'tcp' },
    ]);
  });

  test('a problem in defaults is reported once, however many environments inherit it', async () => {
    const { problems } = await import('./write-spec-file.js');
    expect(await problems('defaults: {image: x, shm_size: huge}\nenvironments:\n  a: {}\n  b: {}\n  c: {}\n')).toEqual([
      'envctl.yaml:1:32: "huge" is not a size (use a number of bytes or a number with b, k, m or g, e.g. "512m" or "32g")',
    ]);
  });
});

describe('Compose habits keep working', () => {
  test('x- keys hold anchors that environments merge with <<', async () => {
    const state = await load(
      [
        'x-gpu-box: &gpu-box',
        '  image: pytorch/pytorch:2.4.0',
        '  shm_size: 16g',
        'environments:',
        '  a:',
        '    <<: *gpu-box',
        '    shm_size: 32g',
        '  b: *gpu-box',
        '',
      ].join('\n'),
    );
    expect(state.environments.map((e) => [e.name, e.image, e.shmSizeBytes])).toEqual([
      ['a', 'pytorch/pytorch:2.4.0', 32 * 1024 ** 3],
      ['b', 'pytorch/pytorch:2.4.0', 16 * 1024 ** 3],
    ]);
  });
});
