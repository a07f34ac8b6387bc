// The running container of each ssh environment of a project, for `envctl ssh` and `envctl ssh-config`.
import type { Engine, ObservedContainer } from '../../engine/engine.js';
import type { CanonicalEnv } from '../../fields/canonical-env.js';
import type { DesiredState } from '../../spec/desired-state.js';

export interface SshEnvContainer {
  env: CanonicalEnv;
  /** null when the project has no container for it. */
  container: ObservedContainer | null;
}

export async function findSshContainers(engine: Engine, desired: DesiredState, only?: string): Promise<SshEnvContainer[]> {
  const envs = desired.environments.filter((e) => e.ssh !== null && (only === undefined || e.name === only));
  return Promise.all(
    envs.map(async (env) => {
      const c = await engine.inspectContainer(env.containerName);
      const mine = c !== null && c.project === desired.project && c.envName === env.name;
      return { env, container: mine ? c : null };
    }),
  );
}
