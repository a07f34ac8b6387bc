// Builders for canonical envs and plan actions, so executor tests read as the plan a planner would have produced.
import { defaultEnv } from '../../support/default-env.js';
import type { CanonicalEnv } from '../../../src/fields/canonical-env.js';
import type { CanonicalVolume } from '../../../src/spec/desired-state.js';
import type { Action, Plan } from '../../../src/plan/plan-types.js';
import { planSteps } from '../../../src/plan/plan-steps.js';

export const PROJECT = 'lab';
export const IMAGE = 'envctl-test/busybox:1';

export function makeEnv(name: string, overrides: Partial<CanonicalEnv> = {}): CanonicalEnv {
  return defaultEnv(PROJECT, name, IMAGE, { command: ['sleep', 'infinity'], ...overrides });
}

export function makeVolume(name: string): CanonicalVolume {
  return { name, driver: 'local', driverOpts: {}, labels: {}, declared: false };
}

const common = (id: string, resource: string, dependsOn: string[]) => ({ id, resource, cause: 'test', diff: [], dependsOn });

export const pull = (image: string, dependsOn: string[] = []): Action => ({
  ...common(`pull image:${image}`, `image:${image}`, dependsOn),
  kind: 'pull',
  image,
});

export const createVolume = (name: string, dependsOn: string[] = []): Action => ({
  ...common(`create-volume volume:${name}`, `volume:${name}`, dependsOn),
  kind: 'create-volume',
  volume: makeVolume(name),
});

export const create = (env: CanonicalEnv, dependsOn: string[] = []): Action => ({
  ...common(`create env:${env.name}`, `env:${env.name}`, dependsOn),
  kind: 'create',
  env,
  specHash: `hash-${env.name}`,
});

export const recreate = (env: CanonicalEnv, containerId: string, dependsOn: string[] = []): Action => ({
  ...common(`recreate env:${env.name}`, `env:${env.name}`, dependsOn),
  kind: 'recreate',
  env,
  specHash: `hash2-${env.name}`,
  containerId,
  containerName: env.containerName,
});

export const lifecycle = (
  kind: 'start' | 'stop' | 'pause' | 'unpause',
  envName: string,
  containerId: string,
  dependsOn: string[] = [],
): Action => ({ ...common(`${kind} env:${envName}`, `env:${envName}`, dependsOn), kind, containerId });

export const remove = (envName: string, containerId: string, containerName: string, dependsOn: string[] = []): Action => ({
  ...common(`remove env:${envName}`, `env:${envName}`, dependsOn),
  kind: 'remove',
  containerId,
  containerName,
});

/** The steps come from the planner's own expansion, as in a plan reconcile made. */
export function makePlan(actions: Action[]): Plan {
  return { project: PROJECT, actions, steps: planSteps(actions), conflicts: [], warnings: [], unchanged: [], observedFingerprint: 'fp' };
}
