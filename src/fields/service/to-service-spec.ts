// A canonical environment with `deploy:` → the Engine API's ServiceSpec: each field of the table writes its part
// (observe-service-spec.ts walks the same table back), then envctl's labels and the project's overlay network.
// Pure: the engine layer sends it (POST /services/create, or /services/{id}/update with the version index).
import type { CanonicalEnv } from '../canonical-env.js';
import type { AnyField } from '../field.js';
import { FIELDS } from '../registry.js';
import type { ServiceSpecJson } from '../service-json.js';
import { isMapping } from './service-rules.js';

const TABLE: readonly AnyField[] = FIELDS;

/** What a service spec needs beyond the environment: where it joins and envctl's own labels. */
export interface ServiceNames {
  /** The project's overlay network (its id or name) every service of the project joins. */
  network: string;
  /** envctl's labels (dev.envctl.project, .env, the spec hash …): on the service and on each task's container. */
  labels: Record<string, string>;
}

/** `<project>-<env>`: the service's name (its tasks' containers are `<name>.<slot>.<task id>`). */
export const serviceName = (env: Pick<CanonicalEnv, 'project' | 'name'>): string => `${env.project}-${env.name}`;

/** Everything a field maps is sent explicitly, so Swarm's own defaults never decide (observe reads them back alike). */
export function toServiceSpec(env: CanonicalEnv, names: ServiceNames): ServiceSpecJson {
  const spec: ServiceSpecJson = {
    Name: serviceName(env),
    Labels: {},
    TaskTemplate: { ContainerSpec: { Image: env.image } },
    Mode: { Replicated: { Replicas: 1 } },
  };
  for (const field of TABLE) {
    if (isMapping(field.service)) field.service.create((env as unknown as Record<string, unknown>)[field.prop], spec, env);
  }
  spec.Labels = { ...spec.Labels, ...names.labels };
  const container = spec.TaskTemplate.ContainerSpec;
  container.Labels = { ...container.Labels, ...names.labels };
  // The other services reach it by its service name and by the environment's own name, as in `docker stack deploy`.
  spec.TaskTemplate.Networks = [{ Target: names.network, Aliases: [env.name] }];
  return spec;
}
