// The two mappings on their own: what toCreateOptions sends, and how observe reads inspect JSON back.
import { describe, expect, it } from 'vitest';
import { classifyRequest } from '../../../src/engine/count-requests.js';
import type { ImageInfo } from '../../../src/engine/engine.js';
import { withDefaultTag } from '../../../src/fields/values/normalize-image-ref.js';
import { observeContainer, parseTmpfsSize, type ContainerInspectJson } from '../../../src/engine/observe.js';
import { resolveEndpoint } from '../../../src/engine/connect-engine.js';
import { toCreateOptions } from '../../../src/engine/to-create-options.js';
import { unsupportedUpdate } from '../../../src/engine/update-support.js';
import { makeEnv } from '../../engine/support/make-env.js';

const MiB = 1024 * 1024;
const image: ImageInfo = { id: 'sha256:1', ref: 'img', env: ['PATH=/bin'], cmd: ['sh'], entrypoint: null, workingDir: '', user: '', labels: {}, volumes: [] };

describe('toCreateOptions', () => {
  it('sends ports as `docker run -p` does, mounts as Binds/Tmpfs, and every default explicitly', () => {
    const env = makeEnv('lab', 'box', {
      ports: [
        { target: 80, published: 8080, hostIp: '0.0.0.0', protocol: 'tcp' },
        { target: 80, published: null, hostIp: '127.0.0.1', protocol: 'tcp' },
        { target: 53, published: null, hostIp: '0.0.0.0', protocol: 'udp' },
      ],
      mounts: [
        { type: 'bind', source: '/data', target: '/data', readOnly: true },
        { type: 'tmpfs', target: '/t', sizeBytes: MiB },
        { type: 'volume', source: 'home', target: '/root', readOnly: false },
      ],
      environment: { B: '2', A: '1' },
      cpus: 1.5,
    });
    const body = toCreateOptions({ env, image, name: 'lab-box', specHash: 'h' });
    expect(body.ExposedPorts).toEqual({ '80/tcp': {}, '53/udp': {} });
    expect(body.HostConfig?.PortBindings).toEqual({
      '80/tcp': [
        { HostIp: '', HostPort: '8080' },
        { HostIp: '127.0.0.1', HostPort: '' },
      ],
      '53/udp': [{ HostIp: '', HostPort: '' }],
    });
    expect(body.HostConfig?.Binds).toEqual(['/data:/data:ro', 'home:/root']);
    expect(body.HostConfig?.Tmpfs).toEqual({ '/t': 'size=1048576' });
    expect(body.HostConfig).toMatchObject({ ShmSize: 64 * MiB, IpcMode: 'private', NetworkMode: 'bridge', NanoCpus: 1.5e9, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } });
    expect(body.Env).toEqual(['A=1', 'B=2']);
    // Left to the image: not sent at all, so the daemon fills them in.
    expect(body).not.toHaveProperty('Cmd');
    expect(body).not.toHaveProperty('Hostname');
    expect(body.Labels?.['dev.envctl.inherited']).toBe('{"env":["PATH"],"cmd":true,"hostname":true}');
  });
});

describe('observeContainer on a hand-made container', () => {
  const inspect: ContainerInspectJson = {
    Id: '0123456789abcdef',
    Name: '/by-hand',
    State: { Status: 'restarting', ExitCode: 1, Error: '' },
    Config: { Hostname: '0123456789ab', Image: 'registry:5000/team/img', Env: ['X', 'A=b=c'], Cmd: ['sh'], Labels: null, Volumes: { '/anon': {} } },
    HostConfig: {
      Binds: ['/h:/c:ro,rprivate', 'vol:/v:z'],
      Mounts: [{ Type: 'tmpfs', Target: '/m', TmpfsOptions: { SizeBytes: 2 * MiB } }],
      Tmpfs: { '/t': 'mode=1777,size=1g' },
      PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '' }] },
      ShmSize: 0,
      IpcMode: '',
      NetworkMode: 'default',
      RestartPolicy: { Name: '', MaximumRetryCount: 0 },
      Dns: null,
      ExtraHosts: ['b:2', 'a:1'],
      CpuQuota: 50000,
      CpuPeriod: 100000,
    },
    Mounts: [{ Type: 'volume', Name: 'f00', Destination: '/anon', RW: true }],
  };

  it('reads engine defaults as envctl defaults and lists in canonical order', () => {
    const o = observeContainer(inspect);
    expect(o).toMatchObject({ id: inspect.Id, name: 'by-hand', status: 'restarting', project: null, exitCode: 1 });
    expect(o.config).toMatchObject({
      name: 'by-hand',
      image: 'registry:5000/team/img:latest',
      hostname: null,
      environment: { A: 'b=c', X: '' },
      ports: [{ target: 80, published: null, hostIp: '0.0.0.0', protocol: 'tcp' }],
      shmSizeBytes: 64 * MiB,
      ipc: 'private',
      networkMode: 'bridge',
      restart: { name: 'no', maxRetries: 0 },
      dns: [],
      extraHosts: ['a:1', 'b:2'],
      cpus: 0.5,
      state: 'running',
    });
    expect(o.config.mounts).toEqual([
      { type: 'volume', source: 'f00', target: '/anon', readOnly: false },
      { type: 'bind', source: '/h', target: '/c', readOnly: true },
      { type: 'tmpfs', target: '/m', sizeBytes: 2 * MiB },
      { type: 'tmpfs', target: '/t', sizeBytes: 1024 * MiB },
      { type: 'volume', source: 'vol', target: '/v', readOnly: false },
    ]);
  });
});

describe('small rules', () => {
  it('image references get :latest unless tagged or pinned', () => {
    expect(withDefaultTag('busybox')).toBe('busybox:latest');
    expect(withDefaultTag('host:5000/repo')).toBe('host:5000/repo:latest');
    expect(withDefaultTag('host:5000/repo:1.2')).toBe('host:5000/repo:1.2');
    expect(withDefaultTag('repo@sha256:abcd')).toBe('repo@sha256:abcd');
    expect(withDefaultTag('sha256:0123abcd')).toBe('sha256:0123abcd');
  });

  it('tmpfs sizes in docker units', () => {
    expect(parseTmpfsSize('size=65536')).toBe(65536);
    expect(parseTmpfsSize('rw,size=64k')).toBe(65536);
    expect(parseTmpfsSize('size=2m,mode=1777')).toBe(2 * MiB);
    expect(parseTmpfsSize('size=50%')).toBeNull();
    expect(parseTmpfsSize('')).toBeNull();
  });

  it('requests are counted by operation', () => {
    expect(classifyRequest('GET', '/containers/json?')).toBe('container.list');
    expect(classifyRequest('GET', '/containers/abc/json')).toBe('container.inspect');
    expect(classifyRequest('POST', '/containers/abc/update')).toBe('container.update');
    expect(classifyRequest('GET', '/images/envctl/busybox:local/json')).toBe('image.inspect');
    expect(classifyRequest('GET', '/info')).toBe('GET /info');
  });

  it('updates the engine would silently ignore are refused up front', () => {
    expect(unsupportedUpdate({ restart: { name: 'always', maxRetries: 0 }, memLimitBytes: 64 * MiB, cpus: 1, cpuset: '0' })).toBeNull();
    expect(unsupportedUpdate({ memLimitBytes: 0 })).toMatch(/memory/);
    expect(unsupportedUpdate({ cpus: 0 })).toMatch(/cpus/);
    expect(unsupportedUpdate({ cpuset: '' })).toMatch(/cpuset/);
  });

  it('DOCKER_HOST picks the endpoint; without it the local socket', () => {
    const unix = resolveEndpoint({ DOCKER_HOST: 'unix:///run/x.sock' });
    expect(unix).toMatchObject({ endpoint: 'unix:///run/x.sock', options: { socketPath: '/run/x.sock', host: undefined } });
    // One keep-alive agent per process for the socket, with no TLS server name to work out per request.
    expect((unix.options as { agent?: { keepAlive?: boolean; options?: { servername?: string } } }).agent).toMatchObject({ keepAlive: true, options: { servername: '' } });
    const tcp = resolveEndpoint({ DOCKER_HOST: 'tcp://10.0.0.2:2375' }).options;
    expect(tcp).toMatchObject({ host: '10.0.0.2', port: '2375', protocol: 'http' });
    expect((tcp as { agent?: { keepAlive?: boolean } }).agent).toMatchObject({ keepAlive: true });
    // ssh: plain http over an agent whose connections are ssh channels (docker-modem's ssh mode warns DEP0170).
    const ssh = resolveEndpoint({ DOCKER_HOST: 'ssh://al@gpu1:2222' });
    expect(ssh).toMatchObject({ endpoint: 'ssh://al@gpu1:2222', options: { host: 'gpu1', port: 2222, protocol: 'http' } });
    expect(resolveEndpoint({ HOME: '/nonexistent-home' }).endpoint).toMatch(/^unix:\/\/.*docker\.sock$/);
    expect(() => resolveEndpoint({ DOCKER_HOST: 'tcp://' })).toThrow(/not a valid address/);
  });
});
