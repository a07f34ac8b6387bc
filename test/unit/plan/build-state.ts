// Builders for planner tests: a canonical environment with engine defaults, and observed containers made from one.
import { defaultEnv } from '../../support/default-env.js';
import type { ContainerStatus, ObservedContainer } from '../../../src/engine/engine.js';
import type { CanonicalEnv } from '../../../src/fields/canonical-env.js';
import type { DesiredState } from '../../../src/spec/desired-state.js';
import { specHash } from '../../../src/plan/config-hash.js';
import type { ObservedState } from '../../../src/plan/observed-state.js';

export const PROJECT = 'lab';

export function makeEnv(name: string, overrides: Partial<CanonicalEnv> = {}): CanonicalEnv {
  return defaultEnv(PROJECT, name, 'busybox:1.36', { command: ['sleep', 'infinity'], ...overrides });
}

export function makeDesired(environments: CanonicalEnv[], volumes: DesiredState['volumes'] = []): DesiredState {
  return { project: PROJECT, specFile: `/srv/${PROJECT}/envctl.yaml`, environments, volumes };
}

const STATUS_OF_STATE: Record<CanonicalEnv['state'], ContainerStatus> = { running: 'running', stopped: 'exited', paused: 'paused' };

/** The container envctl would have made for `env`, in the state the env asks for, unless overridden. */
export function observeAs(env: CanonicalEnv, overrides: Partial<ObservedContainer> = {}): ObservedContainer {
  return {
    id: `${env.name.padEnd(12, '0')}${'f'.repeat(52)}`.slice(0, 64),
    name: env.containerName,
    status: STATUS_OF_STATE[env.state],
    project: env.project,
    envName: env.name,
    specHash: specHash(env),
    createdAt: '2026-01-01T00:00:00.000Z',
    exitCode: 0,
    error: '',
    config: env,
    imageId: 'sha256:1111111111111111111111111111111111111111111111111111111111111111',
    ...overrides,
  };
}

export function makeObserved(containers: ObservedContainer[], more: Partial<ObservedState> = {}): ObservedState {
  return { project: PROJECT, containers, foreignNames: {}, images: {}, volumes: {}, ...more };
}
