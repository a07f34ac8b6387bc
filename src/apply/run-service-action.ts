// The engine calls of the Swarm actions: the project's network, a service's create / update (with the version the
// plan observed) / remove, the project's services marker. One call each: the engine takes a whole spec or nothing, so none is ever half-made.
import type { Engine } from '../engine/engine.js';
import { EnvctlError } from '../errors/envctl-error.js';
import { throwIfInterrupted } from '../errors/interrupted.js';
import type { ActionOf } from '../plan/plan-types.js';
import { stepError } from './describe-error.js';
import { pollUntil } from './poll-until.js';
import type { RunActionContext } from './run-action.js';

type ServiceAction = ActionOf<'create-network' | 'remove-network' | 'create-service' | 'update-service' | 'remove-service' | 'create-marker' | 'remove-marker'>;

/** How long a removed service's tasks may keep the network busy before its removal is given up. */
const NETWORK_RELEASE_MS = 60_000;

export async function runServiceAction(action: ServiceAction, engine: Engine, context: RunActionContext): Promise<Record<string, never>> {
  switch (action.kind) {
    case 'create-network':
      await engine.createProjectNetwork(context.project, action.network);
      return {};
    case 'remove-network':
      await removeNetworkOnceFree(engine, action, context);
      return {};
    case 'create-service':
      try {
        await engine.createService(action.spec);
      } catch (error) {
        throw stepError(`could not create service ${action.spec.Name}`, error);
      }
      return {};
    case 'update-service':
      try {
        await engine.updateService(action.serviceId, action.version, action.spec);
      } catch (error) {
        if (error instanceof EnvctlError && error.code === 'service-changed') throw error;
        throw stepError(`could not update service ${action.spec.Name}`, error);
      }
      return {};
    case 'remove-service':
      await engine.removeService(action.serviceId);
      return {};
    case 'create-marker':
      await engine.createServicesMarker(action.marker, context.project);
      return {};
    case 'remove-marker':
      await engine.removeServicesMarker(action.markerId);
      return {};
  }
}

/** The engine refuses to remove a network its tasks' containers still use; they go a moment after their service. */
async function removeNetworkOnceFree(engine: Engine, action: ActionOf<'remove-network'>, context: RunActionContext): Promise<void> {
  let last: unknown = null;
  const removed = await pollUntil(NETWORK_RELEASE_MS, async () => {
    throwIfInterrupted(context.signal, `remove ${action.resource}`, 'the network stays; `envctl destroy` removes it');
    try {
      await engine.removeNetwork(action.networkId);
      return true;
    } catch (error) {
      if (!/active endpoints|in use/i.test(error instanceof Error ? error.message : String(error))) throw error;
      last = error;
      context.report('waiting for the services\' tasks to leave the network');
      return false;
    }
  });
  if (!removed) throw stepError(`could not remove network ${action.network}`, last);
}
