// Use-cases behind `envctl snapshot` and `envctl save`: find an environment's container and commit its own layer
// to an envctl-labelled image; decide whether a save needs such a snapshot at all.
import type { Engine, ObservedContainer } from '../../engine/engine.js';
import { EnvctlError } from '../../errors/envctl-error.js';
import { observeContainers } from '../../engine/observe-containers.js';
import type { DesiredState } from '../../spec/desired-state.js';
import { DEFAULT_ENV_POLICY } from '../../spec/env-policy.js';
import { significantChanges } from '../../plan/significant-changes.js';
import { readOwnLayer } from './read-own-layer.js';
import { snapshotLabels } from './snapshot-labels.js';
import { splitRef, timestampTag } from '../../plan/snapshot-tag.js';
import { throwIfInterrupted } from '../../errors/interrupted.js';

export interface SnapshotResult {
  /** repo:tag committed to. */
  ref: string;
  imageId: string;
  env: string;
  container: string;
  /** Own-layer changes (noise left out) that the image now keeps. */
  changedPaths: number;
}

/** The container of `envName` that apply would keep: the one with the wanted name, else the newest. */
export async function findEnvContainer(engine: Engine, desired: DesiredState, envName: string): Promise<ObservedContainer> {
  const env = desired.environments.find((e) => e.name === envName);
  if (!env) {
    const names = desired.environments.map((e) => e.name).join(', ');
    throw new EnvctlError('not-found', `there is no environment "${envName}" in the spec`, { hint: `environments: ${names || '(none)'}` });
  }
  const mine = (await observeContainers(engine, desired.project)).filter((c) => c.envName === envName);
  const pick = mine.find((c) => c.name === env.containerName) ?? [...mine].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  if (!pick) {
    throw new EnvctlError('not-found', `environment "${envName}" has no container on this engine`, { hint: 'run `envctl apply` first' });
  }
  return pick;
}

export async function countSignificantChanges(engine: Engine, desired: DesiredState, container: ObservedContainer): Promise<number> {
  const policy = desired.policies?.[container.envName ?? ''] ?? DEFAULT_ENV_POLICY;
  const { changes, enginePaths } = await readOwnLayer(engine, container);
  return significantChanges(changes, policy.ignoreChanges, enginePaths).length;
}

export async function takeSnapshot(
  engine: Engine,
  desired: DesiredState,
  envName: string,
  options: { tag?: string; message: string; now: Date; signal?: AbortSignal },
): Promise<SnapshotResult> {
  const container = await findEnvContainer(engine, desired, envName);
  const changedPaths = await countSignificantChanges(engine, desired, container);
  throwIfInterrupted(options.signal, 'snapshot');
  return commitSnapshot(engine, desired.project, envName, container, changedPaths, options);
}

export async function commitSnapshot(
  engine: Engine,
  project: string,
  envName: string,
  container: ObservedContainer,
  changedPaths: number,
  options: { tag?: string; message: string; now: Date },
): Promise<SnapshotResult> {
  const ref = options.tag ?? timestampTag(project, envName, options.now);
  const { repo, tag } = splitRef(ref);
  const imageId = await engine.commitContainer(container.id, {
    repo,
    tag,
    message: options.message,
    labels: snapshotLabels({
      project,
      envName,
      containerName: container.name,
      sourceImage: container.config.image,
      message: options.message,
      now: options.now,
    }),
  });
  return { ref: `${repo}:${tag}`, imageId, env: envName, container: container.name, changedPaths };
}
