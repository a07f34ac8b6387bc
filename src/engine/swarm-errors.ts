// The two Swarm refusals with a sentence of their own: an engine that cannot manage services (not in swarm mode, or a
// worker), and an update refused because the service changed meanwhile (its version index moved).
import { EnvctlError } from '../errors/envctl-error.js';
import { engineMessage } from './engine-errors.js';
import type { SwarmState } from './swarm-engine.js';

const NOT_MANAGER_HINT = 'run `docker swarm init` on that engine, or set the environment\'s `host:` to a swarm manager listed under `hosts:`';

/** The engine's answer to a service, task or node call on an engine that is no manager (HTTP 503). */
export function isNotManagerRefusal(err: unknown): boolean {
  const raw = err as { statusCode?: unknown } | null;
  return raw?.statusCode === 503 && /not a swarm manager|not part of a swarm/i.test(engineMessage(err));
}

/** `state` null: /info could not be read; the refusal alone is said. */
export function notManagerError(endpoint: string, state: SwarmState | null, cause?: unknown): EnvctlError {
  const why =
    state === null || state.localNodeState === 'inactive'
      ? 'it is not in swarm mode'
      : state.localNodeState === 'active'
        ? 'it is a swarm worker, and only a manager runs services'
        : `its swarm state is ${state.localNodeState}`;
  return new EnvctlError('not-swarm-manager', `the Docker Engine at ${endpoint} cannot run services (deploy:): ${why}; nothing was changed`, {
    hint: NOT_MANAGER_HINT,
    cause,
  });
}

/** Swarm's refusal of an update whose version index is no longer the service's. */
export function isOutOfSequence(err: unknown): boolean {
  return /update out of sequence/i.test(engineMessage(err));
}

export function serviceChangedError(name: string, cause?: unknown): EnvctlError {
  return new EnvctlError('service-changed', `service ${name} changed on the engine meanwhile (its version moved); it was not updated`, {
    hint: 'run `envctl plan` again to see what changed, then `envctl apply`',
    cause,
  });
}
