// Use-case behind `envctl top`: the processes of an environment's running (or paused) container.
import type { ProcessTable } from '../engine/container-verbs.js';
import type { ConnectTo } from './engine-parts.js';
import { requireState, withEnvTarget } from './find-env-target.js';
import type { SpecSource } from './run-plan.js';

export interface TopResult extends ProcessTable {
  env: string;
  container: string;
  /** The `hosts:` entry; null = the default engine. */
  host: string | null;
}

export async function runTop(source: SpecSource, connectTo: ConnectTo, name: string, psArgs: string): Promise<TopResult> {
  return withEnvTarget(source, connectTo, name, async (target) => {
    requireState(target, 'top', ['running', 'paused']);
    const table = await target.engine.listProcesses(target.container.id, psArgs);
    return { env: name, container: target.container.name, host: target.host, ...table };
  });
}
