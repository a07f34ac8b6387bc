// `build:` and `pull_policy:` as a user writes them (Compose forms): where the image comes from, and mistakes located.
import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import { environmentProblems, loadEnvironments } from './write-spec-file.js';

const loadIn = (body: string, environ: Record<string, string> = {}) => loadEnvironments(body, { environ, homeDir: '/home/al' });
const problems = (body: string) => environmentProblems(body, { homeDir: '/home/al' });

describe('where an image comes from', () => {
  test('the default is to pull a missing image, and nothing is recorded for it', async () => {
    const { state } = await loadIn('  a: { image: busybox }\n');
    expect(state.imageSources).toBeUndefined();
  });

  test('pull_policy always / never are kept per environment', async () => {
    const { state } = await loadIn('  a: { image: busybox, pull_policy: always }\n  b: { image: busybox, pull_policy: never }\n  c: { image: busybox, pull_policy: missing }\n');
    expect(state.imageSources).toEqual({ a: { pullPolicy: 'always', build: null }, b: { pullPolicy: 'never', build: null } });
  });

  test('build: a folder is the context, relative to the spec; the image is named after the environment', async () => {
    const { dir, state } = await loadIn('  Trainer: { build: ./docker }\n');
    expect(state.environments[0]!.image).toBe('lab-trainer:latest');
    expect(state.imageSources).toEqual({
      Trainer: { pullPolicy: 'build', build: { context: join(dir, 'docker'), dockerfile: 'Dockerfile', args: {}, target: null, maxContextBytes: 2 * 1024 ** 3 } },
    });
  });

  test('build: the long form, with image: as the tag, args as a map or a list (a bare name reads the environment)', async () => {
    const { dir, state } = await loadIn(
      [
        '  a:',
        '    image: lab/train:dev',
        '    build: { context: ., dockerfile: docker/Dockerfile.gpu, args: { USER_ID: 1000, TORCH: "2.4" }, target: dev }',
        '  b:',
        '    image: lab/b',
        '    build: { context: ~/src/b, args: [PLAIN=1, FROM_ENV, UNSET_ONE], max_context: 8g }',
        '',
      ].join('\n'),
      { FROM_ENV: 'yes' },
    );
    expect(state.environments.map((e) => e.image)).toEqual(['lab/train:dev', 'lab/b:latest']);
    expect(state.imageSources).toEqual({
      a: { pullPolicy: 'build', build: { context: dir, dockerfile: 'docker/Dockerfile.gpu', args: { TORCH: '2.4', USER_ID: '1000' }, target: 'dev', maxContextBytes: 2 * 1024 ** 3 } },
      b: { pullPolicy: 'build', build: { context: '/home/al/src/b', dockerfile: 'Dockerfile', args: { FROM_ENV: 'yes', PLAIN: '1' }, target: null, maxContextBytes: 8 * 1024 ** 3 } },
    });
  });

  test('pull_policy build without build:, or another policy beside build:, is reported where it is written', async () => {
    expect(await problems('  a: { image: x, pull_policy: build }\n  b: { image: x, build: ., pull_policy: always }\n')).toEqual([
      '3:31: `pull_policy: build` needs a `build:` section saying what to build',
      '4:41: `pull_policy: always` does not go with `build:`: envctl builds this image',
    ]);
  });

  test('max_context is a docker size above 0, reported where it is written', async () => {
    expect(await problems('  a: { build: { context: ., max_context: 0 } }\n  b: { build: { context: ., max_context: 2x } }\n')).toEqual([
      '3:42: `max_context` must be more than 0',
      expect.stringMatching(/^4:42: /),
    ]);
  });

  test('an environment with neither image nor build says both', async () => {
    expect(await problems('  a: { restart: always }\n')).toEqual(['3:3: environment `a` has no `image`']);
  });
});
