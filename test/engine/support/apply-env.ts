// Creates a container for a CanonicalEnv through the engine and brings it to env.state, as apply would.
import type { DockerEngine } from '../../../src/engine/docker-engine.js';
import type { ObservedContainer } from '../../../src/engine/engine.js';
import type { CanonicalEnv } from '../../../src/fields/canonical-env.js';

export async function createAndSettle(engine: DockerEngine, env: CanonicalEnv, specHash = 'test-hash'): Promise<ObservedContainer> {
  const image = await engine.inspectImage(env.image);
  if (image === null) throw new Error(`image ${env.image} is not on the engine`);
  const id = await engine.createContainer({ env, image, name: env.containerName, specHash });
  if (env.state !== 'stopped') await engine.startContainer(id);
  if (env.state === 'paused') await engine.pauseContainer(id);
  const observed = await engine.inspectContainer(id);
  if (observed === null) throw new Error(`container ${id} vanished right after create`);
  return observed;
}
