// The Docker API create body for a canonical environment: each field of the table writes its part (observe.ts walks
// the same table back), then envctl's own labels; a field that wraps others (ssh) goes last.
import type { CanonicalEnv } from '../fields/canonical-env.js';
import type { ContainerCreateBody } from '../fields/container-json.js';
import type { AnyField } from '../fields/field.js';
import type { InheritedDefaults } from '../fields/inherited-defaults.js';
import { FIELDS } from '../fields/registry.js';
import { carriedMounts, encodeCarried, LABEL_CARRIED_VOLUMES } from '../fields/anonymous-volumes.js';
import type { CreateContainerRequest } from './engine.js';
import { buildEnvctlLabels } from './labels.js';

const TABLE: readonly AnyField[] = FIELDS;

const valueOf = (env: CanonicalEnv, field: AnyField): unknown => (env as unknown as Record<string, unknown>)[field.prop];

/** Which image defaults the container takes over where the spec leaves fields out (recorded in a label). */
export function inheritedDefaults(env: CanonicalEnv, image: CreateContainerRequest['image']): InheritedDefaults {
  return Object.assign({}, ...TABLE.map((f) => f.container.inherited?.(env, image) ?? {})) as InheritedDefaults;
}

/** Everything is sent explicitly (ipc, network, restart …) so the daemon's own defaults never decide. */
export function toCreateOptions(req: CreateContainerRequest): ContainerCreateBody {
  const { env, image } = req;
  const body: ContainerCreateBody = { Image: env.image, Env: [], Labels: {}, ExposedPorts: {}, HostConfig: { PortBindings: {}, Binds: [], Tmpfs: {} } };
  for (const field of TABLE) field.container.create(valueOf(env, field), body, env, image);
  body.Labels = {
    ...body.Labels,
    ...buildEnvctlLabels({
      project: env.project,
      envName: env.name,
      specHash: req.specHash,
      inherited: inheritedDefaults(env, image),
      sensitive: req.sensitive,
    }),
    ...(req.carry?.length ? { [LABEL_CARRIED_VOLUMES]: encodeCarried(req.carry) } : {}),
  };
  // The replaced container's anonymous volumes, data and all (as Compose does); the label above marks them.
  if (req.carry?.length) body.HostConfig.Mounts = carriedMounts(req.carry);
  // Last: a wrapper (ssh) goes in front of the entrypoint and command the fields above set.
  for (const field of TABLE) field.container.wrap?.create(valueOf(env, field), body, env, image);
  return body;
}
