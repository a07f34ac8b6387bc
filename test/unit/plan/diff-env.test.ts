// Field diffs with spec-facing names: which changes force a recreate, and that env values never appear.
import { describe, expect, it } from 'vitest';
import { diffEnv } from '../../../src/plan/diff-env.js';
import { makeEnv } from './build-state.js';

describe('diffEnv', () => {
  it('is empty for equal environments, whatever the order of set-like lists', () => {
    const p1 = { target: 80, published: 80, hostIp: '0.0.0.0', protocol: 'tcp' as const };
    const p2 = { target: 22, published: 22, hostIp: '0.0.0.0', protocol: 'tcp' as const };
    expect(diffEnv(makeEnv('a', { ports: [p1, p2] }), makeEnv('a', { ports: [p2, p1] }))).toEqual([]);
  });

  it('treats dns as ordered: resolver order matters', () => {
    const changes = diffEnv(makeEnv('a', { dns: ['1.1.1.1', '8.8.8.8'] }), makeEnv('a', { dns: ['8.8.8.8', '1.1.1.1'] }));
    expect(changes.map((c) => c.field)).toEqual(['dns']);
  });

  it('uses spec-facing names and human values', () => {
    const changes = diffEnv(
      makeEnv('a'),
      makeEnv('a', { shmSizeBytes: 32 * 1024 ** 3, workingDir: '/w', mounts: [{ type: 'bind', source: '/d', target: '/d', readOnly: true }] }),
    );
    expect(changes).toEqual([
      { field: 'working_dir', from: '(image default)', to: '/w', forcesRecreate: true },
      { field: 'volumes', from: '[]', to: '[/d:/d:ro]', forcesRecreate: true },
      { field: 'shm_size', from: '64m', to: '32g', forcesRecreate: true },
    ]);
  });

  it('marks restart, new limits and the name as in-place, unsetting a limit as recreate', () => {
    const changes = diffEnv(
      makeEnv('a', { cpus: 2, memLimitBytes: 1024 ** 3, cpuset: '' }),
      makeEnv('a', { restart: { name: 'always', maxRetries: 0 }, cpus: 0, memLimitBytes: 2 * 1024 ** 3, cpuset: '1', containerName: 'x' }),
    );
    expect(changes.map((c) => [c.field, c.forcesRecreate])).toEqual([
      ['restart', false],
      ['cpus', true],
      ['mem_limit', false],
      ['cpuset', false],
      ['container_name', false],
    ]);
  });

  it('names environment keys only, with no "from" value', () => {
    const changes = diffEnv(makeEnv('a', { environment: { TOKEN: 'hunter2' } }), makeEnv('a', { environment: { TOKEN: 'hunter3' } }));
    expect(changes).toEqual([{ field: 'environment', from: '', to: '~TOKEN', forcesRecreate: true }]);
    expect(JSON.stringify(changes)).not.toContain('hunter');
  });
});
