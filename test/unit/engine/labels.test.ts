// envctl's labels: what a container carries, and how the record of inherited image defaults is written and read.
import { describe, expect, it } from 'vitest';
import type { InheritedDefaults } from '../../../src/fields/inherited-defaults.js';
import { inheritedDefaults as computeInheritedDefaults } from '../../../src/engine/to-create-options.js';
import {
  buildEnvctlLabels,
  decodeInherited,
  encodeInherited,
  ENVCTL_VERSION,
  projectLabelFilter,
  readEnvctlLabels,
} from '../../../src/engine/labels.js';
import type { ImageInfo } from '../../../src/engine/engine.js';
import { makeEnv } from '../../engine/support/make-env.js';

const image: ImageInfo = {
  id: 'sha256:abc',
  ref: 'img:1',
  env: ['PATH=/usr/bin', 'FOO=bar', 'LANG=C'],
  cmd: ['run'],
  entrypoint: ['/entry'],
  workingDir: '/srv',
  user: 'app',
  labels: { 'org.team': 'base', 'org.tier': 'gold', 'dev.envctl.project': 'leaked' },
  volumes: ['/cache', '/data'],
};

describe('envctl labels', () => {
  it('a created container carries project, env, spec hash, envctl version, the inherited record and its role', () => {
    const labels = buildEnvctlLabels({ project: 'lab', envName: 'box', specHash: 'h1', inherited: { env: ['PATH'], cmd: true } });
    expect(labels).toEqual({
      'dev.envctl.project': 'lab',
      'dev.envctl.env': 'box',
      'dev.envctl.spec-hash': 'h1',
      'dev.envctl.version': ENVCTL_VERSION,
      'dev.envctl.inherited': '{"env":["PATH"],"cmd":true}',
      'dev.envctl.role': 'env',
    });
    expect(ENVCTL_VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(readEnvctlLabels(labels)).toEqual({
      project: 'lab',
      envName: 'box',
      specHash: 'h1',
      version: ENVCTL_VERSION,
      inherited: { env: ['PATH'], cmd: true },
      sensitive: [],
    });
  });

  it('the names of secret variables, never their values, go in dev.envctl.sensitive, and read back', () => {
    const labels = buildEnvctlLabels({ project: 'lab', envName: 'box', specHash: 'h1', inherited: {}, sensitive: ['PLAIN_A', 'DB,URL'] });
    expect(labels['dev.envctl.sensitive']).toBe('["DB,URL","PLAIN_A"]');
    expect(readEnvctlLabels(labels).sensitive).toEqual(['DB,URL', 'PLAIN_A']);
    // None: no label, so a spec without secrets makes the same labels as before.
    expect(buildEnvctlLabels({ project: 'lab', envName: 'box', specHash: 'h1', inherited: {}, sensitive: [] })).not.toHaveProperty('dev.envctl.sensitive');
    for (const unreadable of ['not json', '{"A":1}', '[1]']) expect(readEnvctlLabels({ 'dev.envctl.sensitive': unreadable }).sensitive).toEqual([]);
  });

  it('a container run by hand from an image envctl built or snapshotted is nobody’s environment', () => {
    const inheritedFromImage = { 'dev.envctl.project': 'lab', 'dev.envctl.env': 'box', 'dev.envctl.role': 'build' };
    expect(readEnvctlLabels(inheritedFromImage)).toMatchObject({ project: null, envName: null });
    // Made by envctl from such an image: its own role wins over the image's.
    expect(readEnvctlLabels({ ...inheritedFromImage, 'dev.envctl.role': 'env' })).toMatchObject({ project: 'lab', envName: 'box' });
    // Made by an envctl from before roles: still the environment's.
    expect(readEnvctlLabels({ 'dev.envctl.project': 'lab', 'dev.envctl.env': 'box' })).toMatchObject({ project: 'lab', envName: 'box' });
  });

  it('a container made by hand has no envctl labels', () => {
    expect(readEnvctlLabels(null)).toEqual({ project: null, envName: null, specHash: null, version: null, inherited: null, sensitive: [] });
  });

  it('the project filter is what `docker ps --filter label=…` takes', () => {
    expect(projectLabelFilter('vision-lab')).toBe('dev.envctl.project=vision-lab');
  });

  it('the inherited record survives encode/decode and unreadable records are treated as absent', () => {
    const record: InheritedDefaults = { env: ['A'], labels: ['l'], volumes: ['/v'], cmd: true, entrypoint: true, workingDir: true, user: true, hostname: true };
    expect(decodeInherited(encodeInherited(record))).toEqual(record);
    expect(decodeInherited(undefined)).toBeNull();
    expect(decodeInherited('not json')).toBeNull();
    expect(decodeInherited('[1]')).toBeNull();
    expect(decodeInherited('{"env":[1],"cmd":"yes","x":1}')).toEqual({});
  });
});

describe('which image defaults a container inherits', () => {
  it('everything the spec leaves out, by key, and never the values', () => {
    expect(computeInheritedDefaults(makeEnv('p', 'e'), image)).toEqual({
      env: ['FOO', 'LANG', 'PATH'],
      labels: ['org.team', 'org.tier'],
      volumes: ['/cache', '/data'],
      cmd: true,
      entrypoint: true,
      workingDir: true,
      user: true,
      hostname: true,
    });
  });

  it('nothing the spec sets, even to the image value', () => {
    const env = makeEnv('p', 'e', {
      environment: { PATH: '/usr/bin', FOO: 'mine', LANG: 'C' },
      labels: { 'org.team': 'base', 'org.tier': 'x' },
      mounts: [
        { type: 'volume', source: 'c', target: '/cache', readOnly: false },
        { type: 'tmpfs', target: '/data', sizeBytes: null },
      ],
      command: ['x'],
      entrypoint: ['/e'],
      workingDir: '/srv',
      user: 'app',
      hostname: 'h',
    });
    expect(computeInheritedDefaults(env, image)).toEqual({});
  });

  it('the image CMD is not inherited once an entrypoint is set, as the daemon does it', () => {
    expect(computeInheritedDefaults(makeEnv('p', 'e', { entrypoint: ['/e'] }), image).cmd).toBeUndefined();
    // An empty entrypoint clears the image's, and the daemon still takes the image CMD.
    expect(computeInheritedDefaults(makeEnv('p', 'e', { entrypoint: [] }), image)).toMatchObject({ cmd: true });
    expect(computeInheritedDefaults(makeEnv('p', 'e', { entrypoint: [] }), image).entrypoint).toBeUndefined();
  });
});
