// Reads who holds the host ports a plan would publish — one list call of every running container, and this machine's
// sockets when the engine is here — only when the plan starts a container that publishes ports (a no-op reads none).
import type { Engine } from '../engine/engine.js';
import { nameSocketHolders, readPortSockets } from '../features/host-ports/read-host-listeners.js';
import type { ObservedState } from '../plan/observed-state.js';
import type { Plan } from '../plan/plan-types.js';
import { hostBindings, overlaps, startsContainer, type Binding } from '../plan/port-conflicts.js';
import type { DesiredState } from '../spec/desired-state.js';

/** Fills observed.heldPorts; false when the plan publishes nothing new (nothing was read, the plan stands). */
export async function readHeldPorts(engine: Engine, desired: DesiredState, observed: ObservedState, plan: Plan): Promise<boolean> {
  const wanted: Binding[] = desired.environments.flatMap((env) =>
    startsContainer(plan.actions.filter((a) => a.resource === `env:${env.name}`), env) ? hostBindings(env) : [],
  );
  if (wanted.length === 0) return false;
  const published = await engine.listPublishedPorts();
  observed.heldPorts = { published, listeners: [] };
  // This machine's sockets say something about the engine's ports only when the engine runs here. A socket on a port
  // a container publishes is the engine's proxy for it (the container is the holder), so only the others are named.
  if (!engine.endpoint.startsWith('unix://')) return true;
  const open = wanted.filter((w) => !published.some((p) => overlaps(p, w)));
  const sockets = readPortSockets(new Set(open.map((w) => `${w.port}/${w.protocol}`)));
  observed.heldPorts.listeners = nameSocketHolders(sockets.filter((s) => open.some((w) => overlaps(s, w))));
  return true;
}
