// Maps a parsed docker service create line onto one spec environment: the same flag walk as a docker run line (the
// flags' table decides what each means), then `deploy:`, which makes the environment a service.
import { finishDeploy } from './deploy-service-flags.js';
import { mapRunToEnvironment, type ImportedEnvironment, type MapContext } from './map-run-to-environment.js';
import type { ParsedRun } from './parse-docker-run.js';

/**
 * `--name` is read by the container_name field (one name flag for both commands), but a service is named
 * `<project>-<env>` and takes no container_name: the name becomes the environment's key, and a note says what the
 * service will be called.
 */
function nameAsKey(env: ImportedEnvironment): ImportedEnvironment {
  const { container_name: name, ...fields } = env.fields;
  if (typeof name !== 'string') return env;
  const { container_name: written = [], ...sources } = env.sources;
  const note = `${written.join(' ')}: the service is named <project>-${env.key} (envctl names a service after its project and environment)`;
  return { ...env, fields, sources, notes: [...env.notes, note] };
}

export function mapServiceToEnvironment(service: ParsedRun, ctx: MapContext): ImportedEnvironment {
  const env = nameAsKey(mapRunToEnvironment(service, ctx));
  return { ...env, fields: finishDeploy(env.fields) };
}
