// Reads a container's inspect JSON back as a canonical environment: each field of the table reads its part (the
// inverse of toCreateOptions), then a field that wraps others (ssh) takes its wrapper back out of them.
import type { CanonicalEnv, EnvStateName } from '../fields/canonical-env.js';
import type { ContainerInspectJson } from '../fields/container-json.js';
import type { AnyField } from '../fields/field.js';
import { FIELDS } from '../fields/registry.js';
import { observeAnonymousVolumes } from '../fields/anonymous-volumes.js';
import type { ContainerStatus, ObservedContainer } from './engine.js';
import { readEnvctlLabels } from './labels.js';
import { observeEnginePaths } from './observe-engine-paths.js';

export type { ContainerInspectJson } from '../fields/container-json.js';
export { parseTmpfsSize, compareMounts } from '../fields/table/volumes.js';
export { comparePorts } from '../fields/table/ports.js';

const TABLE: readonly AnyField[] = FIELDS;
const STATUSES: readonly ContainerStatus[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

function toContainerStatus(raw: string | undefined): ContainerStatus {
  return (STATUSES as readonly string[]).includes(raw ?? '') ? (raw as ContainerStatus) : 'created';
}

function toEnvState(status: ContainerStatus): EnvStateName {
  if (status === 'running' || status === 'restarting') return 'running';
  if (status === 'paused') return 'paused';
  return 'stopped';
}

/** Pure: inspect JSON → the container as envctl sees it. */
export function observeContainer(inspect: ContainerInspectJson): ObservedContainer {
  const own = readEnvctlLabels(inspect.Config?.Labels);
  const name = (inspect.Name ?? '').replace(/^\//, '');
  const status = toContainerStatus(inspect.State?.Status);
  const ctx = { inherited: own.inherited };
  const values = Object.fromEntries(TABLE.map((f) => [f.prop, f.container.observe(inspect, ctx)]));
  const env = { project: own.project ?? '', name: own.envName ?? name, state: toEnvState(status), ...values } as unknown as CanonicalEnv;
  for (const field of TABLE) field.container.wrap?.unwrap(env, inspect);
  return {
    id: inspect.Id,
    name,
    status,
    project: own.project,
    envName: own.envName,
    specHash: own.specHash,
    ...(own.sensitive.length > 0 ? { sensitive: own.sensitive } : {}),
    createdAt: inspect.Created ?? '',
    exitCode: inspect.State?.ExitCode ?? 0,
    error: inspect.State?.Error ?? '',
    config: env,
    imageId: inspect.Image ?? '',
    anonymousVolumes: observeAnonymousVolumes(inspect.Mounts, env.mounts),
    enginePaths: observeEnginePaths(inspect),
  };
}
