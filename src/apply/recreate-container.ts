// Replaces a container with one made from the new config, creating the new one first so a bad config changes nothing.
import type { Engine } from '../engine/engine.js';
import type { Action } from '../plan/plan-types.js';
import { bringToState } from './bring-to-state.js';
import { stepError } from './describe-error.js';
import { requireImage } from './require-image.js';
import { temporaryName } from './temporary-name.js';
import { sshSteps } from '../features/ssh/apply-ssh.js';
import { interruptedBy, interruptedError, throwIfInterrupted, type InterruptSignalName } from '../errors/interrupted.js';

export type RecreateAction = Extract<Action, { kind: 'recreate' }>;

/**
 * Order, and why:
 * 1. create the new container under a temporary name — the engine validates the whole config here, so a mistake in the
 *    spec fails while the old container is still untouched and running;
 * 2. stop and remove the old one — only now, because the new one cannot start while the old one holds the ports and
 *    the name;
 * 3. rename the new one to the wanted name, then bring it to the wanted state.
 * Named volumes are never removed, so their data carries over; anonymous ones are mounted into the new container in
 * step 1 (the plan says which), so the old container's removal leaves them in use. Every failure after step 1 says
 * exactly what exists. Interrupted (Ctrl-C) before step 2, it removes the new container again and leaves the old one
 * as it was; from step 2 on it finishes, since the old container is already going. Returns the id of the new container.
 */
export async function recreateContainer(
  engine: Engine,
  action: RecreateAction,
  options: { randomHex?: () => string; report?: (line: string) => void; signal?: AbortSignal } = {},
): Promise<string> {
  const { env, containerId: oldId, containerName: oldName } = action;
  const wanted = env.containerName;
  const untouched = `; the old container ${oldName} is untouched`;
  const doing = `recreate ${action.resource}`;

  const image = await requireImage(engine, env.image, untouched);
  throwIfInterrupted(options.signal, doing, `stopped before the new container was created${untouched}`);
  const tempName = temporaryName(wanted, options.randomHex);
  const ssh = sshSteps(engine, env, image, options.report ?? (() => undefined));
  let newId: string;
  try {
    await ssh?.beforeCreate();
    // The plan decided which anonymous volumes move over: mounted here, so their data outlives the old container.
    const carry = (action.anonymousVolumes ?? []).filter((v) => v.fate === 'carry').map(({ name, target, readOnly }) => ({ name, target, readOnly }));
    newId = await engine.createContainer({ env, image, name: tempName, specHash: action.specHash, ...(carry.length > 0 ? { carry } : {}) });
  } catch (error) {
    throw stepError(`could not create the new container for ${action.resource}`, error, { hint: `nothing was changed${untouched}` });
  }
  try {
    // Removes the new container itself when it fails, so this still changes nothing.
    await ssh?.afterCreate(newId);
  } catch (error) {
    throw stepError(`could not prepare ssh in the new container for ${action.resource}`, error, { fallbackHint: `nothing was changed${untouched}` });
  }

  const by = interruptedBy(options.signal);
  if (by !== null) await rollBack(engine, newId, tempName, by, doing, untouched);

  // The next apply keeps one container per environment and removes the other: nothing to clean up by hand.
  const cleanUp = `run \`envctl apply\` again: it removes the leftover container and finishes the recreate`;
  try {
    await engine.stopContainer(oldId);
  } catch (error) {
    throw stepError(`new container created as ${tempName}, but the old container ${oldName} could not be stopped`, error, {
      hint: `both exist now; ${cleanUp}`,
    });
  }
  try {
    await engine.removeContainer(oldId);
  } catch (error) {
    throw stepError(`new container created as ${tempName}, but the old container ${oldName} could not be removed`, error, {
      hint: `the old container is stopped; ${cleanUp}`,
    });
  }
  try {
    await engine.renameContainer(newId, wanted);
  } catch (error) {
    throw stepError(`the old container ${oldName} was removed, but the new container ${tempName} could not be renamed to ${wanted}`, error, {
      hint: `run \`envctl apply\` again: it renames ${tempName} to ${wanted} and brings it to its state`,
    });
  }
  // Only now may the new container hold the ports, so an sshd install (which must start it) waits until here.
  await ssh?.beforeState(newId);
  await bringToState(engine, newId, env.state, `container ${wanted} was recreated`);
  await ssh?.afterState(newId);
  return newId;
}

/** Interrupted while the old container is untouched: the new one goes again, and the step ends as not done. */
async function rollBack(
  engine: Engine,
  newId: string,
  tempName: string,
  by: InterruptSignalName,
  doing: string,
  untouched: string,
): Promise<never> {
  try {
    await engine.removeContainer(newId);
  } catch (error) {
    throw stepError(`${doing} was interrupted, but its new container ${tempName} could not be removed`, error, {
      hint: `the old container is untouched; the next \`envctl apply\` removes the leftover`,
    });
  }
  throw interruptedError(by, doing, `rolled back: the new container ${tempName} was removed${untouched}`);
}
