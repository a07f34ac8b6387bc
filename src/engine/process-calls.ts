// A container's processes (part of the ContainerVerbs interface): restart, kill with a signal, and the process list.
import type { ContainerVerbs } from './container-verbs.js';
import type { EngineClient } from './engine-client.js';

export function processCalls(client: EngineClient): Pick<ContainerVerbs, 'restartContainer' | 'killContainer' | 'listProcesses'> {
  const { docker } = client;
  return {
    async restartContainer(id, graceSeconds) {
      // With the grace period sent, the request's time limit knows how long the stop may take (request-policy.ts).
      await client.call(`restart container ${id}`, () => docker.getContainer(id).restart(graceSeconds === null ? {} : { t: graceSeconds }));
    },

    async killContainer(id, signal) {
      await client.call(`send ${signal} to container ${id}`, () => docker.getContainer(id).kill({ signal }));
    },

    async listProcesses(id, psArgs) {
      const answer = (await client.call(`list the processes of container ${id}`, () =>
        docker.getContainer(id).top(psArgs === '' ? {} : { ps_args: psArgs }),
      )) as { Titles?: string[] | null; Processes?: string[][] | null };
      return { titles: answer.Titles ?? [], processes: answer.Processes ?? [] };
    },
  };
}
