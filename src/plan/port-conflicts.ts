// Host ports a plan would publish that something else already holds: a conflict at plan time (exit 4, nothing
// created), naming the holder, instead of a create that fails half-way at apply.
import type { CanonicalEnv } from '../fields/canonical-env.js';
import type { ObservedState } from './observed-state.js';
import type { Action, Conflict } from './plan-types.js';

export interface Binding {
  hostIp: string;
  port: number;
  protocol: string;
}

const isWildcard = (ip: string): boolean => ip === '0.0.0.0' || ip === '::' || ip === '';
export const overlaps = (a: Binding, b: Binding): boolean =>
  a.port === b.port && a.protocol === b.protocol && (isWildcard(a.hostIp) || isWildcard(b.hostIp) || a.hostIp === b.hostIp);
const show = (b: Binding): string => `${isWildcard(b.hostIp) ? '0.0.0.0' : b.hostIp}:${b.port}/${b.protocol}`;

/** The host ports an environment's container binds when it runs (its ports, and ssh's). */
export function hostBindings(env: CanonicalEnv): Binding[] {
  const out: Binding[] = env.ports.flatMap((p) => (p.published === null ? [] : [{ hostIp: p.hostIp, port: p.published, protocol: p.protocol }]));
  if (env.ssh && env.ssh.port !== null) out.push({ hostIp: env.ssh.hostIp, port: env.ssh.port, protocol: 'tcp' });
  return out;
}

/** Whether these actions make or start a running container: only then can a port it wants be taken by someone else. */
export function startsContainer(actions: readonly Action[], env: CanonicalEnv): boolean {
  return env.state !== 'stopped' && actions.some((a) => a.kind === 'create' || a.kind === 'recreate' || a.kind === 'start');
}

/**
 * The first held port this environment wants. Ports of the project's own containers are not conflicts: the plan
 * recreates or removes those containers, or keeps them with the same ports (the spec allows each port once). A
 * listening socket on a port some container publishes is the engine's own proxy for it, so only containers count there.
 */
export function findPortConflict(env: CanonicalEnv, observed: ObservedState): Conflict | null {
  const held = observed.heldPorts;
  if (held === undefined) return null;
  for (const want of hostBindings(env)) {
    const container = held.published.find((p) => p.project !== observed.project && overlaps(p, want));
    if (container) {
      const owner = container.project === null ? 'a container envctl does not own' : `a container of envctl project "${container.project}"`;
      return {
        resource: `env:${env.name}`,
        message: `host port ${show(want)} is already published by ${owner}: ${container.containerName} (${show(container)})`,
        hint: 'publish another host port in the spec, or stop that container first',
      };
    }
    if (held.published.some((p) => overlaps(p, want))) continue;
    const listener = observed.heldPorts?.listeners.find((l) => overlaps(l, want));
    if (listener) {
      return {
        resource: `env:${env.name}`,
        message: `host port ${show(want)} is already held on the engine's machine by ${listener.holder} (listening on ${show(listener)})`,
        hint: 'publish another host port in the spec, or stop that process first',
      };
    }
  }
  return null;
}
