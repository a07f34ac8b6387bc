// Reads who holds the host ports a plan would publish — one list call of every running container, and this machine's
// sockets when the engine is here — only when the plan starts a container that publishes ports (a no-op reads none).
import type { Engine } from '../engine/engine.js';
import { readHostListeners } from '../features/host-ports/read-host-listeners.js';
import type { ObservedState } from '../plan/observed-state.js';
import type { Plan } from '../plan/plan-types.js';
import { hostBindings, startsContainer } from '../plan/port-conflicts.js';
import type { DesiredState } from '../spec/desired-state.js';

/** Fills observed.heldPorts; false when the plan publishes nothing new (nothing was read, the plan stands). */
export async function readHeldPorts(engine: Engine, desired: DesiredState, observed: ObservedState, plan: Plan): Promise<boolean> {
  const wanted = new Set<string>();
  for (const env of desired.environments) {
    const actions = plan.actions.filter((a) => a.resource === `env:${env.name}`);
    if (!startsContainer(actions, env)) continue;
    for (const b of hostBindings(env)) wanted.add(`${b.port}/${b.protocol}`);
  }
  if (wanted.size === 0) return false;
  const published = await engine.listPublishedPorts();
  // This machine's sockets say something about the engine's ports only when the engine runs here.
  const listeners = engine.endpoint.startsWith('unix://') ? readHostListeners(wanted) : [];
  observed.heldPorts = { published, listeners };
  return true;
}
