// Which container an everyday verb acts on, against a fake engine: the environment's own by one inspect, the newest
// of its containers after an interrupted recreate, and refusals that name the environment (not in the spec, no
// container, not running, a Swarm service) before anything is asked of an engine that need not be.
import { describe, expect, it } from 'vitest';
import { findEnvTarget, requireState, type VerbEngine } from '../../../src/app/find-env-target.js';
import type { ObservedContainer } from '../../../src/engine/engine.js';
import { EnvctlError } from '../../../src/errors/envctl-error.js';
import type { DesiredState } from '../../../src/spec/desired-state.js';
import { defaultDeploy, defaultEnv } from '../../support/default-env.js';
import { rejectionOf } from '../../support/expect-error.js';

const env = defaultEnv('p', 'box', 'envctl/busybox:local');
const desired: DesiredState = { project: 'p', specFile: 'envctl.yaml', environments: [env], volumes: [] };

function container(over: Partial<ObservedContainer>): ObservedContainer {
  return { id: 'c1', name: 'p-box', status: 'running', project: 'p', envName: 'box', specHash: null, createdAt: '2026-11-30T05:00:00Z', exitCode: 0, error: '', config: env, imageId: 'sha256:1', ...over };
}

function fakeEngine(byName: Record<string, ObservedContainer>, all: ObservedContainer[] = []): VerbEngine & { calls: string[] } {
  const calls: string[] = [];
  const engine = {
    calls,
    inspectContainer: async (name: string) => {
      calls.push(`inspect ${name}`);
      return byName[name] ?? all.find((c) => c.id === name) ?? null;
    },
    listProjectContainers: async () => {
      calls.push('list');
      return all.map((c) => c.id);
    },
  };
  return engine as unknown as VerbEngine & { calls: string[] };
}

describe('findEnvTarget', () => {
  it('finds the environment’s own container with one inspect', async () => {
    const engine = fakeEngine({ 'p-box': container({}) });
    const target = await findEnvTarget(desired, () => engine, 'box');
    expect(target.container.id).toBe('c1');
    expect(engine.calls).toEqual(['inspect p-box']);
  });

  it('takes the newest of its containers when none has its name (a recreate interrupted mid-way)', async () => {
    const old = container({ id: 'old', name: 'p-box-tmp1', createdAt: '2026-11-30T05:00:00Z' });
    const newer = container({ id: 'new', name: 'p-box-tmp2', createdAt: '2026-11-30T06:00:00Z' });
    const target = await findEnvTarget(desired, () => fakeEngine({}, [old, newer]), 'box');
    expect(target.container.id).toBe('new');
  });

  it('names the environment when it is not in the spec, has no container, or is not running', async () => {
    const engine = fakeEngine({});
    const missing = await rejectionOf(findEnvTarget(desired, () => engine, 'bx'), EnvctlError);
    expect(missing.message).toContain('there is no environment "bx" in the spec');
    expect(engine.calls).toEqual([]);
    expect(missing.hint).toContain('envctl apply');

    const stopped = fakeEngine({ 'p-box': container({ status: 'exited', exitCode: 137 }) });
    const target = await findEnvTarget(desired, () => stopped, 'box');
    let refused: unknown = null;
    try {
      requireState(target, 'exec', ['running']);
    } catch (err) {
      refused = err;
    }
    expect((refused as EnvctlError).message).toBe('environment "box" is not running (exited with code 137): exec needs a running container');
    expect((refused as EnvctlError).hint).toContain('envctl apply');
  });

  it('refuses an environment with deploy: (a Swarm service) before asking any engine', async () => {
    const service = { ...env, deploy: defaultDeploy() };
    const engine = fakeEngine({});
    const refused = await rejectionOf(findEnvTarget({ ...desired, environments: [service] }, () => engine, 'box'), EnvctlError);
    expect(refused.message).toContain('environment "box" is a Swarm service');
    expect(engine.calls).toEqual([]);
  });
});
