// destroy's part for Swarm: remove each of the project's services, then its overlay network once they are gone, then
// its services marker. Named volumes stay (as for containers; --volumes removes those on this engine). The same tail
// (network, then marker) follows the removal of the last service when a spec drops its last `deploy:`.
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
  return [
    ...removes,
    ...afterLastService(removes, observed, {
      network: "destroy removes the project's overlay network once its services are gone",
      marker: 'destroy removes the record that the project has services, last',
    }),
  ];
}

/**
 * Once every service of the project is gone (`removes`): its overlay network (when it was looked up and found), then
 * its services marker (when the container list showed one), each with its cause.
 */
export function afterLastService(removes: readonly Action[], observed: ObservedState, causes: { network: string; marker: string }): Action[] {
  const out: Action[] = [];
  const network = observed.network;
  if (network !== undefined && network !== null) {
    out.push({
      id: `remove-network network:${network.name}`,
      kind: 'remove-network',
      resource: `network:${network.name}`,
      cause: causes.network,
      diff: [],
      dependsOn: removes.map((r) => r.id),
      network: network.name,
      networkId: network.id,
    });
  }
  const marker = observed.servicesMarker;
  if (marker !== undefined && marker !== null) {
    out.push({
      id: `remove-marker marker:${marker.name}`,
      kind: 'remove-marker',
      resource: `marker:${marker.name}`,
      cause: causes.marker,
      diff: [],
      dependsOn: [...removes, ...out].map((r) => r.id),
      marker: marker.name,
      markerId: marker.id,
    });
  }
  return out;
}
