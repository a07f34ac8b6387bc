// A container's engine status as the lifecycle state the spec speaks of, and as words for a plan's causes.
import type { ObservedContainer } from '../engine/engine.js';
import type { EnvStateName } from '../fields/canonical-env.js';

/** 'gone' = dead or being removed: nothing can bring it back, only a new container. */
export type Lifecycle = EnvStateName | 'gone';

export function lifecycleOf(container: ObservedContainer): Lifecycle {
  switch (container.status) {
    case 'running':
    case 'restarting': // the engine's restart policy is already bringing it back; starting it again would be a no-op
      return 'running';
    case 'paused':
      return 'paused';
    case 'created':
    case 'exited':
      return 'stopped';
    case 'dead':
    case 'removing':
      return 'gone';
  }
}

/** "container is stopped (exited 137)", "container is paused", … */
export function describeStatus(container: ObservedContainer): string {
  switch (container.status) {
    case 'running':
      return 'container is running';
    case 'restarting':
      return `container is restarting (exited ${container.exitCode})`;
    case 'paused':
      return 'container is paused';
    case 'created':
      return 'container was created but never started';
    case 'exited':
      return `container is stopped (exited ${container.exitCode})`;
    case 'dead':
      return 'container is dead';
    case 'removing':
      return 'container is being removed';
  }
}
