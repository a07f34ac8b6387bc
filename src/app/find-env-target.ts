// Which container an everyday verb (exec, attach, logs, restart, kill, top, cp) acts on: the environment's own, on the
// engine the environment runs on (`hosts:`), found with one inspect by its name in the common case. Every error
// names the environment: not in the spec, no container yet, or not in the state the verb needs.
import { hasContainerVerbs, type ContainerVerbs } from '../engine/container-verbs.js';
import type { ContainerStatus, Engine, ObservedContainer } from '../engine/engine.js';
import { observeContainers } from '../engine/observe-containers.js';
import { EnvctlError } from '../errors/envctl-error.js';
import type { CanonicalEnv } from '../fields/canonical-env.js';
import { suggest } from '../base/suggest.js';
import type { DesiredState } from '../spec/desired-state.js';
import { dockerHostOfEnv, type ConnectTo } from './engine-parts.js';
import { loadDesired, type SpecSource } from './run-plan.js';

export type VerbEngine = Engine & ContainerVerbs;

export interface EnvTarget {
  env: CanonicalEnv;
  /** The `hosts:` entry it runs on; null = the default engine. */
  host: string | null;
  engine: VerbEngine;
  container: ObservedContainer;
}

/** The spec's environment of that name, or an error listing the names there are. */
export function specEnv(desired: DesiredState, name: string): CanonicalEnv {
  const env = desired.environments.find((e) => e.name === name);
  if (env) return env;
  const names = desired.environments.map((e) => e.name);
  const close = suggest(name, names);
  throw new EnvctlError('not-found', `there is no environment "${name}" in the spec${close === undefined ? '' : ` (${close})`}`, {
    hint: `the spec has: ${names.join(', ') || '(none)'}; a new one goes under environments:, then \`envctl apply\``,
  });
}

/** One connection per engine for a run that touches several environments. */
export function engineCache(connectTo: ConnectTo): (dockerHost: string | null) => VerbEngine {
  const engines = new Map<string | null, VerbEngine>();
  return (dockerHost) => {
    let engine = engines.get(dockerHost);
    if (engine === undefined) {
      const connected = connectTo(dockerHost);
      if (!hasContainerVerbs(connected)) throw new EnvctlError('internal', 'this engine connection cannot run commands in containers');
      engine = connected;
      engines.set(dockerHost, engine);
    }
    return engine;
  };
}

/** " on engine gpu1" for an environment placed by `hosts:`; '' on the default engine. */
export function onHost(host: string | null): string {
  return host === null ? '' : ` on engine ${host}`;
}

/** The environment's container on the engine it runs on, whatever its state. */
export async function findEnvTarget(desired: DesiredState, engineFor: (dockerHost: string | null) => VerbEngine, name: string): Promise<EnvTarget> {
  const env = specEnv(desired, name);
  refuseService(env);
  const host = desired.envHosts?.[name] ?? null;
  const engine = engineFor(dockerHostOfEnv(desired, name));
  const mine = (c: ObservedContainer | null): c is ObservedContainer => c !== null && c.project === desired.project && c.envName === name;
  // Its own name first (one call); otherwise, as apply would pick it: any container of the env, the newest (a recreate
  // interrupted mid-way leaves one under a temporary name).
  let container = await engine.inspectContainer(env.containerName);
  if (!mine(container)) {
    const all = (await observeContainers(engine, desired.project)).filter(mine);
    container = [...all].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0] ?? null;
  }
  if (container === null) {
    throw new EnvctlError('env-not-ready', `environment "${name}" has no container yet${onHost(host)}`, { hint: 'run `envctl apply` to create it' });
  }
  return { env, host, engine, container };
}

/**
 * An environment with `deploy:` is a Swarm service (issue 12): its containers are the swarm's tasks, placed on any
 * node, not one container of envctl's. Refused by name until the verbs learn services.
 */
export function refuseService(env: CanonicalEnv): void {
  const deploy = (env as { deploy?: unknown }).deploy;
  if (deploy === undefined || deploy === null) return;
  throw new EnvctlError('usage', `environment "${env.name}" is a Swarm service (deploy:): exec, attach, logs, restart, kill, cp and top work on containers only`, {
    hint: 'use docker service logs / docker service ps on a manager node for now',
  });
}

/** Refuses a verb that needs the container in one of `states`, naming the environment and what it is instead. */
export function requireState(target: EnvTarget, verb: string, states: readonly ContainerStatus[]): void {
  const { container, env } = target;
  if (states.includes(container.status)) return;
  const now = container.status === 'exited' ? `exited with code ${container.exitCode}` : container.status;
  const hint =
    env.state === 'running'
      ? `\`envctl apply\` brings it back to running (its spec says state: running)${container.status === 'restarting' || container.status === 'exited' ? `; \`envctl logs ${env.name}\` shows why it stopped` : ''}`
      : `its spec says state: ${env.state}; set state: running and run \`envctl apply\`, or \`envctl restart ${env.name}\``;
  throw new EnvctlError('env-not-ready', `environment "${env.name}" is not running (${now})${onHost(target.host)}: ${verb} needs a running container`, { hint });
}

/** A one-environment verb: the spec loaded, `act` run on the environment's container; any error it ends with names the environment. */
export async function withEnvTarget<T>(source: SpecSource, connectTo: ConnectTo, name: string, act: (target: EnvTarget) => Promise<T>): Promise<T> {
  const desired = await loadDesired(source);
  return namingEnv(name, async () => act(await findEnvTarget(desired, engineCache(connectTo), name)));
}

/** Runs a verb's use-case so that any error it ends with names the environment (an engine's "restart container 3f2a…"). */
async function namingEnv<T>(env: string, act: () => Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (err) {
    throw withEnvName(env, err);
  }
}

/** The error, its message starting with `environment "ENV": ` unless it names the environment already. */
export function withEnvName(env: string, err: unknown): EnvctlError {
  const error = err instanceof EnvctlError ? err : new EnvctlError('internal', `unexpected failure: ${String(err)}`, { cause: err });
  if (error.message.includes(`"${env}"`)) return error;
  return new EnvctlError(error.code, `environment "${env}": ${error.message}`, { ...(error.hint === undefined ? {} : { hint: error.hint }), cause: error });
}
