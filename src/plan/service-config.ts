// An environment with `deploy:` as a Swarm service: its name, its project's network, the labels envctl puts on it,
// and the spec it is sent as / read back from (fields/service/ walks the field table both ways).
import { LABEL_PREFIX } from '../base/label-prefix.js';
import type { CanonicalEnv, Deploy } from '../fields/canonical-env.js';
import type { AnyField } from '../fields/field.js';
import type { ServiceSpecJson } from '../fields/service-json.js';
import { observeServiceSpec } from '../fields/service/observe-service-spec.js';
import { isMapping } from '../fields/service/service-rules.js';
import { toServiceSpec } from '../fields/service/to-service-spec.js';

export { serviceName } from '../fields/service/to-service-spec.js';

/** The environment's `deploy:`; null for a container (also for one built before the field existed: a plan fixture). */
export const deployOf = (env: CanonicalEnv): Deploy | null => env.deploy ?? null;

export const isService = (env: CanonicalEnv): boolean => deployOf(env) !== null;

/** The overlay network a project's services share, named as `docker stack deploy` names its own. */
export const projectNetworkName = (project: string): string => `${project}_default`;

/**
 * The never-started container that exists while the project has services: the one container list call sees it, so a
 * spec without services still reads the swarm and removes the services it no longer has. Named like the lock
 * (`envctl-lock-<project>`): `<project>-<env>` is an environment's container name.
 */
export const servicesMarkerName = (project: string): string => `envctl-services-${project}`;

/**
 * On the service and its tasks' containers: which project and environment. The role keeps a task's container out of
 * the project's container list (it is the service's, not an environment's container to plan).
 */
const serviceLabels = (env: CanonicalEnv): Record<string, string> => ({
  [`${LABEL_PREFIX}project`]: env.project,
  [`${LABEL_PREFIX}env`]: env.name,
  [`${LABEL_PREFIX}role`]: 'service',
});

/** Whether a field maps onto a service (the others are refused at validate, so they are at their default). */
export const mapsOntoService = (f: AnyField): boolean => isMapping(f.service);

/** The spec sent to create or update the environment's service. */
export function serviceSpecOf(env: CanonicalEnv): ServiceSpecJson {
  return toServiceSpec(env, { network: projectNetworkName(env.project), labels: serviceLabels(env) });
}

/** A service's stored spec read back as the canonical environment it was made from. */
export function serviceConfigOf(spec: ServiceSpecJson, project: string, envName: string): CanonicalEnv {
  return observeServiceSpec(spec, { project, name: envName, state: 'running' });
}
