// The spec-hash label: changes exactly when a recreate is forced, never with key order or in-place fields.
import { describe, expect, it } from 'vitest';
import { specHash } from '../../../src/plan/config-hash.js';
import { makeEnv } from './build-state.js';

describe('specHash', () => {
  it('is 16 hex characters', () => {
    expect(specHash(makeEnv('a'))).toMatch(/^[0-9a-f]{16}$/);
  });

  it('does not change with an in-place update (restart, cpus, mem_limit, cpuset, name, state)', () => {
    const base = specHash(makeEnv('a'));
    expect(
      specHash(
        makeEnv('a', {
          restart: { name: 'always', maxRetries: 0 },
          cpus: 4,
          memLimitBytes: 1024 ** 3,
          cpuset: '0-1',
          containerName: 'other',
          state: 'paused',
        }),
      ),
    ).toBe(base);
  });

  it('changes with every recreate-forcing field', () => {
    const base = specHash(makeEnv('a'));
    const variants = [
      { image: 'alpine:3' },
      { command: null },
      { entrypoint: ['/bin/sh'] },
      { environment: { A: '1' } },
      { workingDir: '/w' },
      { user: '1000' },
      { hostname: 'box' },
      { ports: [{ target: 80, published: 80, hostIp: '0.0.0.0', protocol: 'tcp' as const }] },
      { mounts: [{ type: 'tmpfs' as const, target: '/tmp', sizeBytes: null }] },
      { shmSizeBytes: 1024 ** 3 },
      { ipc: 'host' },
      { labels: { team: 'x' } },
      { tty: true },
      { stdinOpen: true },
      { networkMode: 'host' },
      { dns: ['1.1.1.1'] },
      { extraHosts: ['db:10.0.0.5'] },
    ];
    const hashes = variants.map((v) => specHash(makeEnv('a', v)));
    for (const h of hashes) expect(h).not.toBe(base);
    expect(new Set(hashes).size).toBe(variants.length);
  });

  it('is stable under key order and set order', () => {
    const p1 = { target: 80, published: 80, hostIp: '0.0.0.0', protocol: 'tcp' as const };
    const p2 = { target: 22, published: 2222, hostIp: '127.0.0.1', protocol: 'tcp' as const };
    const one = makeEnv('a', { environment: { A: '1', B: '2' }, ports: [p1, p2], extraHosts: ['a:1.1.1.1', 'b:2.2.2.2'] });
    const two = makeEnv('a', { environment: { B: '2', A: '1' }, ports: [p2, p1], extraHosts: ['b:2.2.2.2', 'a:1.1.1.1'] });
    const reversedKeys = Object.fromEntries(Object.entries(two).reverse()) as typeof two;
    expect(specHash(reversedKeys)).toBe(specHash(one));
  });
});
