// An environment with `deploy:` as a Swarm service: its name, the spec envctl sends (the field table's service
// mappings, envctl's labels, the project's overlay network) and a service read back as a canonical environment.
import { LABEL_PREFIX } from '../base/label-prefix.js';
import type { CanonicalEnv, Deploy } from '../fields/canonical-env.js';
import type { AnyField } from '../fields/field.js';
import { FIELDS } from '../fields/registry.js';
import type { ServiceSpecJson } from '../fields/service-json.js';
import { defaultEnv } from '../fields/default-env.js';

const TABLE: readonly AnyField[] = FIELDS;

/** The environment's `deploy:`; null for a container. */
export function deployOf(env: CanonicalEnv): Deploy | null {
  return (env as CanonicalEnv & { deploy?: Deploy | null }).deploy ?? null;
}

export const isService = (env: CanonicalEnv): boolean => deployOf(env) !== null;

/** `<project>-<env>`, as the issue names services. */
export const serviceName = (project: string, envName: string): string => `${project}-${envName}`;

/** The overlay network a project's services share, as `docker stack deploy` names its own. */
export const projectNetworkName = (project: string): string => `${project}_default`;

/** The service's own labels envctl reads back: which project and environment it is. */
export const SERVICE_LABEL_PROJECT = `${LABEL_PREFIX}project`;
export const SERVICE_LABEL_ENV = `${LABEL_PREFIX}env`;

/** Whether a field maps onto a service (the others are refused at validate, so they are at their default). */
export const mapsOntoService = (f: AnyField): boolean => 'create' in f.service;

/** The spec sent to create or update the environment's service: every field's mapping, then envctl's parts. */
export function serviceSpecOf(env: CanonicalEnv): ServiceSpecJson {
  const spec: ServiceSpecJson = {
    Name: serviceName(env.project, env.name),
    Labels: {},
    TaskTemplate: { ContainerSpec: { Image: env.image } },
    Mode: { Replicated: { Replicas: 1 } },
  };
  for (const f of TABLE) {
    if ('create' in f.service) f.service.create((env as unknown as Record<string, unknown>)[f.prop], spec, env);
  }
  spec.Labels = { ...spec.Labels, [SERVICE_LABEL_PROJECT]: env.project, [SERVICE_LABEL_ENV]: env.name };
  // Every service of the project joins its overlay network; the environment's name is an alias there, so replicas
  // and other services reach it by that name as well as by the service's.
  spec.TaskTemplate.Networks = [{ Target: projectNetworkName(env.project), Aliases: [env.name] }];
  return spec;
}

/** A service's spec read back as the canonical environment it was made from (fields a service cannot carry: defaults). */
export function serviceConfigOf(spec: ServiceSpecJson, project: string, envName: string): CanonicalEnv {
  const env = defaultEnv(project, envName, spec.TaskTemplate?.ContainerSpec?.Image ?? '') as unknown as Record<string, unknown>;
  const ctx = { labels: spec.Labels ?? {} };
  for (const f of TABLE) {
    if ('observe' in f.service) env[f.prop] = f.service.observe(spec, ctx);
  }
  return env as unknown as CanonicalEnv;
}
