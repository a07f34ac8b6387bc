// The imported environment as YAML: a new spec, or merged into an existing file with its comments and order kept.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import type { ImportedEnvironment } from '../../../src/features/import/map-run-to-environment.js';
import { mergeIntoSpec, renderNewSpec } from '../../../src/features/import/render-import-yaml.js';

const box: ImportedEnvironment = {
  key: 'box',
  fields: { command: ['sh', '-c', 'echo $HOME'], image: 'img', container_name: 'box', environment: { TOKEN: null } },
  notes: ['--rm: no lasting meaning here'],
  sources: {},
};

describe('renderNewSpec', () => {
  it('writes a complete spec: image first, notes as comments, `$` kept literal as `$$`, bare env vars explained', () => {
    const text = renderNewSpec(box);
    expect(text).toContain('version: 1\nenvironments:\n  # --rm: no lasting meaning here\n  box:\n    image: img\n    container_name: box\n');
    expect(text).toContain('command: [ sh, -c, "echo $$HOME" ]');
    expect(text).toContain('TOKEN: null # taken from your environment when applied');
    expect(parse(text)).toStrictEqual({
      version: 1,
      environments: { box: { image: 'img', container_name: 'box', command: ['sh', '-c', 'echo $$HOME'], environment: { TOKEN: null } } },
    });
  });

  it('writes a service with deploy: last, as Compose files do', () => {
    const web = { key: 'web', fields: { deploy: { replicas: 2 }, ports: [{ target: 80, published: 8080, mode: 'host' }], image: 'nginx' }, notes: [], sources: {} };
    expect(Object.keys((parse(renderNewSpec(web)) as { environments: { web: object } }).environments.web)).toStrictEqual(['image', 'ports', 'deploy']);
  });
});

describe('mergeIntoSpec', () => {
  const existing = '# our lab\nproject: lab # fixed\ndefaults:\n  restart: always\nenvironments:\n  # alice\n  alice:\n    image: a\n  box:\n    image: old\n';

  it('adds a new environment after the others and keeps every comment', () => {
    const { text, replaced } = mergeIntoSpec(existing, { ...box, key: 'carol' }, 'envctl.yaml');
    expect(replaced).toBe(false);
    expect(text.startsWith('# our lab\nproject: lab # fixed\n')).toBe(true);
    expect(text).toContain('  # alice\n  alice:\n    image: a\n');
    expect(Object.keys((parse(text) as { environments: object }).environments)).toStrictEqual(['alice', 'box', 'carol']);
  });

  it('replaces the environment with the same key in place', () => {
    const { text, replaced } = mergeIntoSpec(existing, box, 'envctl.yaml');
    expect(replaced).toBe(true);
    expect(text).not.toContain('image: old');
    expect(Object.keys((parse(text) as { environments: object }).environments)).toStrictEqual(['alice', 'box']);
  });

  it('fills an empty file or one without environments, and refuses a file that is not YAML', () => {
    expect(parse(mergeIntoSpec('', box, 'f').text)).toMatchObject({ version: 1, environments: { box: { image: 'img' } } });
    expect(parse(mergeIntoSpec('project: x\n', box, 'f').text)).toMatchObject({ project: 'x', environments: { box: { image: 'img' } } });
    expect(() => mergeIntoSpec('a: [1\n', box, 'f')).toThrow(EnvctlError);
  });
});
