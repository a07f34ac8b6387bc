// Values as a person reads them in a plan: docker size strings, docker-style ports and mounts, and no env values.
import { describe, expect, it } from 'vitest';
import {
  formatCpus,
  formatCpuset,
  formatEnvironmentKeys,
  formatList,
  formatMap,
  formatMemLimit,
  formatMount,
  formatOptional,
  formatOptionalList,
  formatPort,
  formatRestart,
  formatSize,
} from '../../../src/fields/present/format-value.js';

describe('format-value', () => {
  it('writes sizes as docker size strings in the largest exact unit', () => {
    expect(formatSize(67108864)).toBe('64m');
    expect(formatSize(34359738368)).toBe('32g');
    expect(formatSize(1536 * 1024 * 1024)).toBe('1536m');
    expect(formatSize(4096)).toBe('4k');
    expect(formatSize(1000)).toBe('1000b');
    expect(formatSize(0)).toBe('0b');
  });

  it('says "unlimited" / "any" for limits that are not set', () => {
    expect(formatMemLimit(0)).toBe('unlimited');
    expect(formatMemLimit(16 * 1024 ** 3)).toBe('16g');
    expect(formatCpus(0)).toBe('unlimited');
    expect(formatCpus(0.5)).toBe('0.5');
    expect(formatCpuset('')).toBe('any');
    expect(formatCpuset('0-7')).toBe('0-7');
  });

  it('writes ports as docker ps does', () => {
    expect(formatPort({ target: 80, published: 8080, hostIp: '0.0.0.0', protocol: 'tcp' })).toBe('0.0.0.0:8080->80/tcp');
    expect(formatPort({ target: 53, published: 5353, hostIp: '::', protocol: 'udp' })).toBe('[::]:5353->53/udp');
    expect(formatPort({ target: 22, published: null, hostIp: '127.0.0.1', protocol: 'tcp' })).toBe('127.0.0.1:(random)->22/tcp');
  });

  it('writes mounts as they are written in a spec', () => {
    expect(formatMount({ type: 'bind', source: '/data', target: '/data', readOnly: true })).toBe('/data:/data:ro');
    expect(formatMount({ type: 'volume', source: 'vol', target: '/root', readOnly: false })).toBe('vol:/root');
    expect(formatMount({ type: 'tmpfs', target: '/tmp', sizeBytes: 1024 * 1024 })).toBe('tmpfs:/tmp (size 1m)');
    expect(formatMount({ type: 'tmpfs', target: '/tmp', sizeBytes: null })).toBe('tmpfs:/tmp');
  });

  it('writes restart policies, lists, maps and image defaults', () => {
    expect(formatRestart({ name: 'on-failure', maxRetries: 3 })).toBe('on-failure:3');
    expect(formatRestart({ name: 'on-failure', maxRetries: 0 })).toBe('on-failure');
    expect(formatRestart({ name: 'unless-stopped', maxRetries: 0 })).toBe('unless-stopped');
    expect(formatList(['a', 'b'])).toBe('[a, b]');
    expect(formatList([])).toBe('[]');
    expect(formatMap({ z: '1', a: '2' })).toBe('{a=2, z=1}');
    expect(formatOptional(null)).toBe('(image default)');
    expect(formatOptional('/w')).toBe('/w');
    expect(formatOptionalList(null)).toBe('(image default)');
    expect(formatOptionalList(['sleep', 'infinity'])).toBe('[sleep, infinity]');
  });

  it('names environment keys only, never their values', () => {
    const text = formatEnvironmentKeys(
      { PATH: '/usr/bin', OLD: 'old-secret', SAME: 'x' },
      { PATH: '/opt/bin', API_KEY: 'sk-secret', SAME: 'x' },
    );
    expect(text).toBe('+API_KEY, -OLD, ~PATH');
    expect(text).not.toMatch(/secret|bin/);
    expect(formatEnvironmentKeys({ A: '1' }, { A: '1' })).toBe('');
  });
});
