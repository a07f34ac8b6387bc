// Built images and `pull_policy: always`: the plan builds or pulls when the image behind the reference changes, and
// recreates exactly the containers that run an older image.
import { describe, expect, test } from 'vitest';
import { reconcile } from '../../../src/plan/reconcile.js';
import type { DesiredState } from '../../../src/spec/desired-state.js';
import type { BuildSpec } from '../../../src/spec/image-source.js';
import { makeDesired, makeEnv, makeObserved, observeAs } from './build-state.js';

const OLD = `sha256:${'1'.repeat(64)}`;
const NEW = `sha256:${'2'.repeat(64)}`;
const DIGEST = `sha256:${'d'.repeat(64)}`;
const BUILD: BuildSpec = { context: '/srv/lab/docker', dockerfile: 'Dockerfile', args: { USER_ID: '1000' }, target: null, maxContextBytes: 2 * 1024 ** 3 };

const env = makeEnv('train', { image: 'lab-train:latest' });
const built = (): DesiredState => ({ ...makeDesired([env]), imageSources: { train: { pullPolicy: 'build', build: BUILD } } });
const always = (): DesiredState => ({ ...makeDesired([env]), imageSources: { train: { pullPolicy: 'always', build: null } } });

const summary = (plan: ReturnType<typeof reconcile>) => plan.actions.map((a) => `${a.id} <- [${a.dependsOn.join(', ')}] (${a.cause})`);

describe('an environment that builds its image', () => {
  test('not built yet: build, then create from it', () => {
    const plan = reconcile(built(), makeObserved([], { images: { 'lab-train:latest': false }, imageStates: { train: { kind: 'build', hash: 'h1', imageId: null } } }));
    expect(summary(plan)).toEqual([
      'build image:lab-train:latest <- [] (not built yet; needed by env:train)',
      'create env:train <- [build image:lab-train:latest] (new environment)',
    ]);
    const build = plan.actions[0]!;
    expect(build.kind === 'build' && { hash: build.buildHash, build: build.build }).toEqual({ hash: 'h1', build: BUILD });
  });

  test('built from this context and running that image: nothing to do', () => {
    const observed = makeObserved([observeAs(env, { imageId: OLD })], { imageStates: { train: { kind: 'build', hash: 'h1', imageId: OLD } } });
    expect(reconcile(built(), observed).actions).toEqual([]);
  });

  test('the context changed: build, and recreate the container, saying why', () => {
    const observed = makeObserved([observeAs(env, { imageId: OLD })], {
      images: { 'lab-train:latest': true },
      imageStates: { train: { kind: 'build', hash: 'h2', imageId: null } },
    });
    const plan = reconcile(built(), observed);
    expect(summary(plan)).toEqual([
      'build image:lab-train:latest <- [] (the build context changed; needed by env:train)',
      'recreate env:train <- [build image:lab-train:latest] (image 111111111111 → a new build forces recreate)',
    ]);
  });

  test('built already (by an earlier apply that stopped) but the container runs the old image: recreate only', () => {
    const observed = makeObserved([observeAs(env, { imageId: OLD })], { imageStates: { train: { kind: 'build', hash: 'h2', imageId: NEW } } });
    expect(summary(reconcile(built(), observed))).toEqual([
      'recreate env:train <- [] (image 111111111111 → 222222222222 forces recreate)',
    ]);
  });
});

describe('pull_policy: always', () => {
  test('the registry serves what is here and the container runs it: nothing to do', () => {
    const observed = makeObserved([observeAs(env, { imageId: OLD })], { imageStates: { train: { kind: 'always', digest: DIGEST, current: true, imageId: OLD } } });
    expect(reconcile(always(), observed).actions).toEqual([]);
  });

  test('the registry has a newer image: pull it, and recreate the container', () => {
    const observed = makeObserved([observeAs(env, { imageId: OLD })], {
      images: { 'lab-train:latest': true },
      imageStates: { train: { kind: 'always', digest: DIGEST, current: false, imageId: OLD } },
    });
    expect(summary(reconcile(always(), observed))).toEqual([
      'pull image:lab-train:latest <- [] (the registry has a newer image (dddddddddddd); needed by env:train)',
      'recreate env:train <- [pull image:lab-train:latest] (image 111111111111 → registry dddddddddddd forces recreate)',
    ]);
  });

  test('someone pulled the newer image by hand: the container still runs the old one, so it is recreated', () => {
    const observed = makeObserved([observeAs(env, { imageId: OLD })], { imageStates: { train: { kind: 'always', digest: DIGEST, current: true, imageId: NEW } } });
    expect(summary(reconcile(always(), observed))).toEqual(['recreate env:train <- [] (image 111111111111 → 222222222222 forces recreate)']);
  });

  test('with the default policy an image that moved under the same reference changes nothing', () => {
    const observed = makeObserved([observeAs(env, { imageId: OLD })]);
    expect(reconcile(makeDesired([env]), observed).actions).toEqual([]);
  });
});

describe('pull_policy: never', () => {
  test('a missing image is never pulled', () => {
    const desired: DesiredState = { ...makeDesired([env]), imageSources: { train: { pullPolicy: 'never', build: null } } };
    const plan = reconcile(desired, makeObserved([], { images: { 'lab-train:latest': false } }));
    expect(plan.actions.map((a) => a.kind)).toEqual(['create']);
  });
});
