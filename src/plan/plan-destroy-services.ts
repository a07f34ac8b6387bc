// destroy's part for Swarm: remove each of the project's services, then its overlay network once they are gone.
// Named volumes stay (as for containers; --volumes removes those on this engine).
import type { ObservedState } from './observed-state.js';
import type { Action, ActionOf } from './plan-types.js';
import { compareText } from './short-ids.js';

export function planDestroyServices(observed: ObservedState): Action[] {
  const services = [...(observed.services ?? [])].sort((a, b) => compareText(a.name, b.name));
  const removes: ActionOf<'remove-service'>[] = services.map((s) => {
    const resource = s.envName === null ? `service:${s.name}` : `env:${s.envName}`;
    return {
      id: `remove-service ${resource}${services.filter((o) => o.envName === s.envName).length > 1 ? ` (${s.name})` : ''}`,
      kind: 'remove-service',
      resource,
      cause: 'destroy removes the service and its tasks (named volumes are kept)',
      diff: [],
      dependsOn: [],
      service: s.name,
      serviceId: s.id,
    };
  });
  const network = observed.network;
  if (network === undefined || network === null) return removes;
  const removeNetwork: ActionOf<'remove-network'> = {
    id: `remove-network network:${network.name}`,
    kind: 'remove-network',
    resource: `network:${network.name}`,
    cause: "destroy removes the project's overlay network once its services are gone",
    diff: [],
    dependsOn: removes.map((r) => r.id),
    network: network.name,
    networkId: network.id,
  };
  return [...removes, removeNetwork];
}
