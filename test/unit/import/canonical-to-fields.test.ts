// A live container's canonical environment written as spec fields loads back as the same environment (so an import
// from a container recreates it exactly), and it is written minimally: engine defaults are left out.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalToFields, formatPort, formatSize, WRITTEN_FIELDS } from '../../../src/features/import/canonical-to-fields.js';
import { renderNewSpec } from '../../../src/features/import/render-import-yaml.js';
import { subtractImageDefaults } from '../../../src/features/import/subtract-image-defaults.js';
import { loadSpec } from '../../../src/spec/load-spec.js';
import { arbitraryEnv } from '../../engine/support/arbitrary-env.js';
import { defaultEnv } from '../../support/default-env.js';

const dir = mkdtempSync(join(tmpdir(), 'envctl-import-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('canonicalToFields', () => {
  it('has a writer for every canonical field', () => {
    expect([...WRITTEN_FIELDS].sort()).toStrictEqual(Object.keys(defaultEnv('p', 'e', 'img')).sort());
  });

  it('writes only the image and the name for an environment of engine defaults', () => {
    expect(canonicalToFields(defaultEnv('p', 'e', 'img:1'))).toStrictEqual({ container_name: 'p-e', image: 'img:1' });
  });

  it('round trip: fields → YAML → envctl validate gives back the same canonical environment', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryEnv('proj', 'box'), async (env) => {
        const file = join(dir, 'envctl.yaml');
        writeFileSync(file, renderNewSpec({ key: env.name, fields: canonicalToFields(env), notes: [], sources: {} }));
        const state = await loadSpec(file, { environ: {} });
        expect({ ...state.environments[0], project: env.project }).toStrictEqual(env);
      }),
      { numRuns: 150 },
    );
  });

  it('formats sizes and ports the way people write them', () => {
    expect([formatSize(32 * 1024 ** 3), formatSize(64 * 1024 ** 2), formatSize(1536), formatSize(0)]).toStrictEqual(['32g', '64m', 1536, 0]);
    expect(formatPort({ target: 22, published: 8022, hostIp: '0.0.0.0', protocol: 'tcp' })).toBe('8022:22');
    expect(formatPort({ target: 53, published: null, hostIp: '127.0.0.1', protocol: 'udp' })).toBe('127.0.0.1::53/udp');
    expect(formatPort({ target: 80, published: 8080, hostIp: '::1', protocol: 'tcp' })).toBe('[::1]:8080:80');
    expect(formatPort({ target: 8888, published: null, hostIp: '0.0.0.0', protocol: 'tcp' })).toBe('8888');
  });
});

describe('subtractImageDefaults', () => {
  const image = {
    id: 'sha256:x',
    ref: 'img:1',
    env: ['PATH=/bin', 'LANG=C'],
    cmd: ['sleep', 'infinity'],
    entrypoint: null,
    workingDir: '/app',
    user: 'app',
    labels: { maintainer: 'x' },
    volumes: ['/var/lib/data'],
    stopSignal: 'SIGQUIT',
    exposedPorts: ['80/tcp'],
  };

  it('leaves out what the container only has from its image', () => {
    const live = defaultEnv('', 'c', 'img:1', {
      command: ['sleep', 'infinity'],
      environment: { LANG: 'C', MODE: 'dev', PATH: '/usr/bin' },
      workingDir: '/app',
      user: 'app',
      labels: { maintainer: 'x', team: 'vision' },
      mounts: [{ type: 'volume', source: 'a'.repeat(64), target: '/var/lib/data', readOnly: false }],
      stopSignal: 'SIGQUIT',
      expose: ['80/tcp', '9000/tcp'],
    });
    const minimal = subtractImageDefaults(live, image);
    expect(minimal).toMatchObject({ command: null, workingDir: null, user: null, mounts: [], stopSignal: null, expose: ['9000/tcp'] });
    expect(minimal.environment).toStrictEqual({ MODE: 'dev', PATH: '/usr/bin' });
    expect(minimal.labels).toStrictEqual({ team: 'vision' });
  });

  it('keeps a command given with an entrypoint of its own, even when it equals the image CMD', () => {
    const live = defaultEnv('', 'c', 'img:1', { entrypoint: ['/bin/sh', '-c'], command: ['sleep', 'infinity'] });
    expect(subtractImageDefaults(live, image)).toMatchObject({ entrypoint: ['/bin/sh', '-c'], command: ['sleep', 'infinity'] });
  });
});
