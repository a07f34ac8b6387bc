// Carries out an action that is one step of the plan against the engine — exactly what it says, nothing decided here.
import type { Engine } from '../engine/engine.js';
import type { Action, Plan } from '../plan/plan-types.js';
import { bringToState } from './bring-to-state.js';
import { stepError } from './describe-error.js';
import { requireImage } from './require-image.js';
import { withChosenSshPort } from '../features/ssh/choose-ssh-port.js';
import { sshSteps } from '../features/ssh/apply-ssh.js';
import { buildEnvImage } from '../features/build/build-env-image.js';
import { EnvctlError } from '../errors/envctl-error.js';
import { interruptible, throwIfInterrupted } from '../errors/interrupted.js';
import { runServiceAction } from './run-service-action.js';
import type { ConvergenceWatch } from './convergence-watch.js';

export interface RunActionContext {
  project: Plan['project'];
  /** Progress for a person (pull output); shown under the task by the renderer. */
  report: (line: string) => void;
  /** Randomness for the temporary recreate name; injectable so tests can predict it. */
  randomHex?: () => string;
  /** Ctrl-C / SIGTERM: a step checks it where stopping is clean, and finishes or undoes what it began. */
  signal?: AbortSignal;
  /** How long a service's convergence wait may take (apply --wait-timeout); default wait-for-service.ts. */
  convergeTimeoutMs?: number;
  /** How long a task may stay unplaceable before a service's wait gives up; default wait-for-service.ts (tests shorten it). */
  unplaceableGraceMs?: number;
  /** The run's one watch over the services it waits for (one list call each round for all); without it, a wait has its own. */
  convergence?: ConvergenceWatch;
}

export interface ActionOutcome {
  /** The container the action produced or acted on, when there is one. */
  containerId?: string;
}

/**
 * Runs an action that is one step of the plan: every kind but a recreate (its steps are src/plan/recreate-steps.ts;
 * a snapshot before a remove is a step of its own, run before this one). Throws (an EnvctlError wherever the cause is known) when the action fails, and an interruption
 * (code 'interrupted'/'terminated') when Ctrl-C stopped it with nothing of it left behind.
 * Once it has changed something it finishes (a start after a create is a single quick call).
 */
export async function runAction(action: Action, engine: Engine, context: RunActionContext): Promise<ActionOutcome> {
  const { signal } = context;
  switch (action.kind) {
    case 'pull':
      await interruptible(signal, `pull ${action.image}`, 'the engine stopped the pull', () => engine.pullImage(action.image, context.report, signal));
      return {};
    case 'build':
      await interruptible(signal, `build ${action.image}`, 'the engine stopped the build; no image was tagged', () =>
        buildEnvImage(engine, action, context.project, context.report, signal),
      );
      return {};
    case 'create-volume':
      await engine.createVolume(action.volume, context.project);
      return {};
    case 'remove-volume':
      await engine.removeVolume(action.volumeName);
      return {};
    case 'create': {
      const env = await withChosenSshPort(engine, action.env);
      const image = await requireImage(engine, env.image);
      const ssh = sshSteps(engine, env, context.report);
      await ssh?.beforeCreate();
      throwIfInterrupted(signal, `create ${action.resource}`, 'stopped before the container was created');
      let id: string;
      try {
        id = await engine.createContainer({ env, image, name: env.containerName, specHash: action.specHash, sensitive: action.sensitive });
      } catch (error) {
        throw stepError(`could not create container ${env.containerName}`, error);
      }
      const sshdMissing = (await ssh?.afterCreate(id, image)) ?? false;
      await ssh?.beforeState(id, sshdMissing);
      await bringToState(engine, id, env.state, `container ${env.containerName} was created`);
      await ssh?.afterState(id);
      return { containerId: id };
    }
    case 'update':
      await engine.updateContainer(action.containerId, action.patch);
      return { containerId: action.containerId };
    case 'rename':
      await engine.renameContainer(action.containerId, action.newName);
      return { containerId: action.containerId };
    case 'start':
      await engine.startContainer(action.containerId);
      return { containerId: action.containerId };
    case 'stop':
      await engine.stopContainer(action.containerId);
      return { containerId: action.containerId };
    case 'pause':
      await engine.pauseContainer(action.containerId);
      return { containerId: action.containerId };
    case 'unpause':
      await engine.unpauseContainer(action.containerId);
      return { containerId: action.containerId };
    case 'recreate':
      throw new EnvctlError('internal', `${action.id} runs as the steps of the plan, not as one action`);
    case 'remove':
      // Stop first so the process gets its stop signal and grace period; the engine refuses to remove a running
      // container without force, and stopping a stopped one is a no-op.
      try {
        await engine.stopContainer(action.containerId);
      } catch (error) {
        throw stepError(`could not stop container ${action.containerName} before removing it`, error);
      }
      await engine.removeContainer(action.containerId);
      return { containerId: action.containerId };
    case 'create-network':
    case 'remove-network':
    case 'create-service':
    case 'update-service':
    case 'remove-service':
    case 'create-marker':
    case 'remove-marker':
      return runServiceAction(action, engine, context);
    default:
      return assertNever(action);
  }
}

function assertNever(action: never): never {
  // Reached only if a new Action kind is added without teaching the executor; the type checker catches it first.
  throw new Error(`envctl cannot run an action of kind ${(action as { kind: string }).kind}`);
}
