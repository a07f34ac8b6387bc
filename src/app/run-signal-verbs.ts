// Use-cases behind `envctl restart` and `envctl kill`: each named environment on the engine it runs on, all at once;
// one that fails is reported beside the others, which still go ahead. Neither changes the container's config, so the
// next plan has nothing to do (a restart policy, a HUP to reload, are not drift).
import { EnvctlError } from '../errors/envctl-error.js';
import type { ConnectTo } from './engine-parts.js';
import { engineCache, findEnvTarget, requireState, withEnvName, type EnvTarget } from './find-env-target.js';
import { loadDesired, type SpecSource } from './run-plan.js';

export interface VerbResult {
  env: string;
  /** null when the environment has no container (or is not in the spec). */
  container: string | null;
  host: string | null;
  ok: boolean;
  error?: EnvctlError;
}

async function eachEnv(source: SpecSource, connectTo: ConnectTo, names: readonly string[], act: (target: EnvTarget) => Promise<void>): Promise<VerbResult[]> {
  const desired = await loadDesired(source);
  const engineFor = engineCache(connectTo);
  const unique = [...new Set(names)];
  return Promise.all(
    unique.map(async (env): Promise<VerbResult> => {
      let target: EnvTarget | null = null;
      try {
        target = await findEnvTarget(desired, engineFor, env);
        await act(target);
        return { env, container: target.container.name, host: target.host, ok: true };
      } catch (err) {
        return { env, container: target?.container.name ?? null, host: target?.host ?? desired.envHosts?.[env] ?? null, ok: false, error: withEnvName(env, err) };
      }
    }),
  );
}

/** `docker restart`: a stopped environment is started too; the stop waits for the grace period of the spec unless `graceSeconds`. */
export function runRestart(source: SpecSource, connectTo: ConnectTo, names: readonly string[], graceSeconds: number | null): Promise<VerbResult[]> {
  return eachEnv(source, connectTo, names, async ({ engine, container }) => {
    await engine.restartContainer(container.id, graceSeconds ?? container.config.stopGracePeriodSeconds);
  });
}

/** `docker kill -s SIGNAL`: to PID 1 of a running container (a paused one only queues it). */
export function runKill(source: SpecSource, connectTo: ConnectTo, names: readonly string[], signal: string): Promise<VerbResult[]> {
  return eachEnv(source, connectTo, names, async (target) => {
    requireState(target, 'kill', ['running', 'paused']);
    await target.engine.killContainer(target.container.id, signal);
  });
}
