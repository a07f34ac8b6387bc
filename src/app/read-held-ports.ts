// Reads who holds the host ports a plan would publish — one list call of every running container, and this machine's
// sockets when the engine is here — only when the plan makes or starts a container that publishes ports (a no-op
// reads none). observe-project starts it early, beside its other lookups, for environments that have no container.
import type { Engine } from '../engine/engine.js';
import { nameSocketHolders, readPortSockets } from '../features/host-ports/read-host-listeners.js';
import type { ObservedState } from '../plan/observed-state.js';
import type { Plan } from '../plan/plan-types.js';
import { hostBindings, overlaps, startsContainer, type Binding } from '../plan/port-conflicts.js';
import type { DesiredState } from '../spec/desired-state.js';

const keyOf = (b: Binding): string => `${b.hostIp} ${b.port}/${b.protocol}`;
/** The bindings whose sockets were read, per observed state (the engine's list is read once and covers every port). */
const checked = new WeakMap<ObservedState, Set<string>>();

/** The host ports the plan's new or started containers bind. */
export function plannedBindings(desired: DesiredState, plan: Plan): Binding[] {
  return desired.environments.flatMap((env) => (startsContainer(plan.actions.filter((a) => a.resource === `env:${env.name}`), env) ? hostBindings(env) : []));
}

/** Whether the held ports of these bindings are still to be read (then the plan is made again with them). */
export function needsHeldPorts(observed: ObservedState, wanted: Binding[]): boolean {
  const done = checked.get(observed);
  return wanted.some((b) => done === undefined || !done.has(keyOf(b)));
}

export async function readHeldPorts(engine: Engine, observed: ObservedState, wanted: Binding[]): Promise<void> {
  if (wanted.length === 0) return;
  const published = observed.heldPorts?.published ?? (await engine.listPublishedPorts());
  const done = checked.get(observed) ?? new Set<string>();
  for (const b of wanted) done.add(keyOf(b));
  checked.set(observed, done);
  const listeners = observed.heldPorts?.listeners ?? [];
  // This machine's sockets say something about the engine's ports only when the engine runs here. A socket on a port
  // a container publishes is the engine's proxy for it (the container is the holder), so only the others are named.
  const open = wanted.filter((w) => !published.some((p) => overlaps(p, w)));
  if (engine.endpoint.startsWith('unix://') && open.length > 0) {
    const sockets = readPortSockets(new Set(open.map((w) => `${w.port}/${w.protocol}`)));
    const fresh = sockets.filter((s) => open.some((w) => overlaps(s, w)) && !listeners.some((l) => l.port === s.port && l.protocol === s.protocol && l.hostIp === s.hostIp));
    listeners.push(...nameSocketHolders(fresh));
  }
  observed.heldPorts = { published, listeners };
}
