// A service's stored spec (service inspect's `Spec`) → the canonical environment: each field of the table reads its
// part back (the inverse of toServiceSpec), Swarm's filled-in defaults read as envctl's canonical ones, so a second
// apply finds nothing to change. A field a service cannot carry reads as its default.
import type { CanonicalEnv, EnvIdentity } from '../canonical-env.js';
import { normalizeFromNothing, silentContext } from '../default-env.js';
import type { AnyField, ServiceObserveContext } from '../field.js';
import { FIELDS } from '../registry.js';
import type { ServiceSpecJson } from '../service-json.js';
import { isMapping } from './service-rules.js';

const TABLE: readonly AnyField[] = FIELDS;

/** What the engine left out (a service made by hand, an empty part) filled in as empty, so fields read one shape. */
function complete(spec: Partial<ServiceSpecJson>): ServiceSpecJson {
  const task = spec.TaskTemplate;
  return {
    ...spec,
    Name: spec.Name ?? '',
    Labels: spec.Labels ?? {},
    TaskTemplate: { ...task, ContainerSpec: { ...task?.ContainerSpec, Image: task?.ContainerSpec?.Image ?? '' } },
    Mode: spec.Mode ?? { Replicated: {} },
  };
}

/** `identity`: the project and environment (from envctl's labels) and the state the caller read from its tasks. */
export function observeServiceSpec(spec: Partial<ServiceSpecJson>, identity: EnvIdentity): CanonicalEnv {
  const full = complete(spec);
  const ctx: ServiceObserveContext = { labels: full.Labels };
  const env: Record<string, unknown> = { ...identity };
  const silent = silentContext(identity.project, identity.name, env);
  for (const field of TABLE) {
    env[field.prop] = isMapping(field.service) ? field.service.observe(full, ctx) : normalizeFromNothing(field, silent);
  }
  return env as unknown as CanonicalEnv;
}
