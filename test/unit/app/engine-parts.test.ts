// A spec with hosts: split into one spec per engine: each environment on its engine, each volume where it is used.
import { describe, expect, test } from 'vitest';
import { engineParts, isSingleDefault, dockerHostOfEnv } from '../../../src/app/engine-parts.js';
import type { CanonicalVolume, DesiredState } from '../../../src/spec/desired-state.js';
import { makeDesired, makeEnv } from '../plan/build-state.js';

const volume = (name: string): CanonicalVolume => ({ name, driver: 'local', driverOpts: {}, labels: {}, declared: true });
const withData = (name: string, vol: string) => makeEnv(name, { mounts: [{ type: 'volume', source: vol, target: '/data', readOnly: false }] });

function spec(): DesiredState {
  return {
    ...makeDesired([makeEnv('a'), withData('b', 'shared'), withData('c', 'shared')], [volume('shared'), volume('spare')]),
    hosts: { gpu1: 'ssh://al@gpu1', gpu2: 'tcp://gpu2:2376' },
    envHosts: { b: 'gpu1', c: 'gpu2' },
    policies: { b: { onRecreate: 'snapshot', ignoreChanges: [] } },
    imageSources: { c: { pullPolicy: 'always', build: null } },
    sensitive: { a: ['DB_URL'], c: ['PLAIN_A'] },
  };
}

describe('engine parts', () => {
  test('a spec without hosts: is one part, the default engine, unchanged', () => {
    const desired = makeDesired([makeEnv('a')]);
    const parts = engineParts(desired);
    expect(isSingleDefault(parts)).toBe(true);
    expect(parts[0]!.desired).toStrictEqual(desired);
  });

  test('each environment goes to its engine, with its policy, image source and secret names; volumes go where they are used', () => {
    const parts = engineParts(spec());
    expect(parts.map((p) => [p.host, p.dockerHost, p.desired.environments.map((e) => e.name), p.desired.volumes.map((v) => v.name)])).toEqual([
      [null, null, ['a'], ['spare']],
      ['gpu1', 'ssh://al@gpu1', ['b'], ['shared']],
      ['gpu2', 'tcp://gpu2:2376', ['c'], ['shared']],
    ]);
    expect(parts[1]!.desired.policies).toEqual({ b: { onRecreate: 'snapshot', ignoreChanges: [] } });
    expect(parts[1]!.desired.imageSources).toBeUndefined();
    expect(parts[2]!.desired.imageSources).toEqual({ c: { pullPolicy: 'always', build: null } });
    // The names of secret variables go with their environment (its container's label lists them).
    expect(parts.map((p) => p.desired.sensitive)).toEqual([{ a: ['DB_URL'] }, undefined, { c: ['PLAIN_A'] }]);
    expect(parts.every((p) => p.desired.hosts === undefined && p.desired.envHosts === undefined)).toBe(true);
  });

  test('every listed host is a part even with nothing on it (so what moved away is removed there); the default only when used', () => {
    const desired: DesiredState = { ...makeDesired([makeEnv('a')]), hosts: { gpu1: 'ssh://gpu1', idle: 'ssh://idle' }, envHosts: { a: 'gpu1' } };
    expect(engineParts(desired).map((p) => [p.host, p.desired.environments.length])).toEqual([
      ['gpu1', 1],
      ['idle', 0],
    ]);
    expect(dockerHostOfEnv(desired, 'a')).toBe('ssh://gpu1');
    expect(dockerHostOfEnv(desired, 'nope')).toBeNull();
  });
});
