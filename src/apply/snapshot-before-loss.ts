// Runs the planner's `on_recreate: snapshot` decision: commit the container's own layer to the tag the plan showed,
// before the recreate or remove that would throw it away. If the commit fails, the container is left untouched.
import type { Engine } from '../engine/engine.js';
import { snapshotLabels } from '../features/snapshot/snapshot-labels.js';
import { splitRef } from '../plan/snapshot-tag.js';
import type { Action } from '../plan/plan-types.js';
import { stepError } from './describe-error.js';

type LosingAction = Extract<Action, { kind: 'recreate' | 'remove' }>;

export async function snapshotBeforeLoss(engine: Engine, action: LosingAction, project: string, report: (line: string) => void): Promise<void> {
  const tag = action.ownLayer?.snapshotTag;
  if (tag === undefined) return;
  const container = await engine.inspectContainer(action.containerId);
  const { repo, tag: t } = splitRef(tag);
  report(`snapshot ${action.containerName} → ${tag}`);
  try {
    await engine.commitContainer(action.containerId, {
      repo,
      tag: t,
      message: `before ${action.kind} by envctl apply`,
      labels: snapshotLabels({
        project,
        envName: container?.envName ?? action.resource.replace(/^env:/, ''),
        containerName: action.containerName,
        sourceImage: container?.config.image ?? '',
        message: `before ${action.kind} by envctl apply`,
        now: new Date(),
      }),
    });
  } catch (error) {
    throw stepError(`could not snapshot ${action.containerName} to ${tag}`, error, { hint: `nothing was changed; the container ${action.containerName} is untouched` });
  }
}
