// Use-case behind `envctl top`: the processes of an environment's running (or paused) container.
import type { ProcessTable } from '../engine/container-verbs.js';
import type { ConnectTo } from './engine-parts.js';
import { engineCache, findEnvTarget, namingEnv, requireState } from './find-env-target.js';
import { loadDesired, type SpecSource } from './run-plan.js';

export interface TopResult extends ProcessTable {
  env: string;
  container: string;
  /** The `hosts:` entry; null = the default engine. */
  host: string | null;
}

export async function runTop(source: SpecSource, connectTo: ConnectTo, name: string, psArgs: string): Promise<TopResult> {
  const desired = await loadDesired(source);
  return namingEnv(name, async () => {
    const target = await findEnvTarget(desired, engineCache(connectTo), name);
    requireState(target, 'top', ['running', 'paused']);
    const table = await target.engine.listProcesses(target.container.id, psArgs);
    return { env: name, container: target.container.name, host: target.host, ...table };
  });
}
