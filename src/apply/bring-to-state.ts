// Takes a freshly created container (status "created") to the state the spec asks for.
import type { Engine } from '../engine/engine.js';
import type { EnvStateName } from '../fields/canonical-env.js';
import { stepError } from './describe-error.js';

/**
 * running: start; paused: start then pause (the engine can only pause a running container); stopped: nothing, since
 * a created container already reads back as stopped.
 * A failed start leaves the container created, not removed: the next plan shows it stopped and offers `start`, and the
 * person can look at it (`docker logs`, `docker inspect`) to see why.
 */
export async function bringToState(engine: Engine, id: string, state: EnvStateName, describe: string): Promise<void> {
  if (state === 'stopped') return;
  try {
    await engine.startContainer(id);
  } catch (error) {
    throw stepError(`${describe} but could not start`, error, {
      fallbackHint: 'it stays created and stopped; fix the cause, then `envctl apply` offers to start it',
    });
  }
  if (state !== 'paused') return;
  try {
    await engine.pauseContainer(id);
  } catch (error) {
    throw stepError(`${describe} and started but could not be paused`, error, {
      fallbackHint: 'it is running; `envctl apply` offers to pause it again',
    });
  }
}
