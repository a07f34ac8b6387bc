// The steps of a recreate (order and dependencies come from the plan: src/plan/recreate-steps.ts), each with the
// failure message that says exactly which containers exist at that point.
import type { Engine } from '../engine/engine.js';
import type { ActionOf } from '../plan/plan-types.js';
import { bringToState } from './bring-to-state.js';
import { stepError } from './describe-error.js';
import { requireImage } from './require-image.js';
import type { StepOutput } from './step-result.js';
import { temporaryName } from './temporary-name.js';
import { sshSteps } from '../features/ssh/apply-ssh.js';
import { withChosenSshPort } from '../features/ssh/choose-ssh-port.js';
import { interruptedError, throwIfInterrupted, type InterruptSignalName } from '../errors/interrupted.js';

type RecreateAction = ActionOf<'recreate'>;

export interface RecreateStepContext {
  report: (line: string) => void;
  randomHex?: () => string;
  signal?: AbortSignal;
}

const untouched = (action: RecreateAction): string => `; the old container ${action.containerName} is untouched`;
// The next apply keeps one container per environment and removes the other: nothing to clean up by hand.
const CLEAN_UP = 'run `envctl apply` again: it removes the leftover container and finishes the recreate';

/** The new container under a temporary name, with the anonymous volumes the plan carries; ssh files in. */
export async function createNew(engine: Engine, action: RecreateAction, context: RecreateStepContext): Promise<StepOutput> {
  // The port envctl chose for the old container stays (it is what ssh-config wrote).
  const env = await withChosenSshPort(engine, action.env, action.containerId);
  const image = await requireImage(engine, env.image, untouched(action));
  throwIfInterrupted(context.signal, `recreate ${action.resource}`, `stopped before the new container was created${untouched(action)}`);
  const tempName = temporaryName(env.containerName, context.randomHex);
  const ssh = sshSteps(engine, env, context.report);
  let newId: string;
  try {
    await ssh?.beforeCreate();
    // The plan decided which anonymous volumes move over: mounted here, so their data outlives the old container.
    const carry = (action.anonymousVolumes ?? []).filter((v) => v.fate === 'carry').map(({ name, target, readOnly }) => ({ name, target, readOnly }));
    newId = await engine.createContainer({ env, image, name: tempName, specHash: action.specHash, sensitive: action.sensitive, ...(carry.length > 0 ? { carry } : {}) });
  } catch (error) {
    throw stepError(`could not create the new container for ${action.resource}`, error, { hint: `nothing was changed${untouched(action)}` });
  }
  try {
    // Removes the new container itself when it fails, so this still changes nothing.
    const sshdMissing = (await ssh?.afterCreate(newId, image)) ?? false;
    return { containerId: newId, containerName: tempName, ...(sshdMissing ? { sshdMissing } : {}) };
  } catch (error) {
    throw stepError(`could not prepare ssh in the new container for ${action.resource}`, error, { fallbackHint: `nothing was changed${untouched(action)}` });
  }
}

/** Ctrl-C before stop-old started: the old container is untouched, so the new one goes again. Always throws. */
export async function undoCreateNew(engine: Engine, action: RecreateAction, made: StepOutput, by: InterruptSignalName): Promise<never> {
  const doing = `recreate ${action.resource}`;
  try {
    await engine.removeContainer(made.containerId!);
  } catch (error) {
    throw stepError(`${doing} was interrupted, but its new container ${made.containerName} could not be removed`, error, {
      hint: `the old container is untouched; the next \`envctl apply\` removes the leftover`,
    });
  }
  throw interruptedError(by, doing, `rolled back: the new container ${made.containerName} was removed${untouched(action)}`);
}

export async function stopOld(engine: Engine, action: RecreateAction, made: StepOutput): Promise<StepOutput> {
  try {
    await engine.stopContainer(action.containerId);
  } catch (error) {
    throw stepError(`new container created as ${made.containerName}, but the old container ${action.containerName} could not be stopped`, error, {
      hint: `both exist now; ${CLEAN_UP}`,
    });
  }
  return {};
}

export async function removeOld(engine: Engine, action: RecreateAction, made: StepOutput): Promise<StepOutput> {
  try {
    await engine.removeContainer(action.containerId);
  } catch (error) {
    throw stepError(`new container created as ${made.containerName}, but the old container ${action.containerName} could not be removed`, error, {
      hint: `the old container is stopped; ${CLEAN_UP}`,
    });
  }
  return {};
}

export async function renameNew(engine: Engine, action: RecreateAction, made: StepOutput): Promise<StepOutput> {
  const wanted = action.env.containerName;
  try {
    await engine.renameContainer(made.containerId!, wanted);
  } catch (error) {
    throw stepError(`the old container ${action.containerName} was removed, but the new container ${made.containerName} could not be renamed to ${wanted}`, error, {
      hint: `run \`envctl apply\` again: it renames ${made.containerName} to ${wanted} and brings it to its state`,
    });
  }
  return { containerId: made.containerId! };
}

/** Only now may the new container hold the ports, so an sshd install (which must start it) waits until here. */
export async function startNew(engine: Engine, action: RecreateAction, made: StepOutput, context: RecreateStepContext): Promise<StepOutput> {
  const id = made.containerId!;
  const ssh = sshSteps(engine, action.env, context.report);
  await ssh?.beforeState(id, made.sshdMissing === true);
  await bringToState(engine, id, action.env.state, `container ${action.env.containerName} was recreated`);
  await ssh?.afterState(id);
  return { containerId: id };
}
