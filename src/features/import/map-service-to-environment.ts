// Maps a parsed docker service create line onto one spec environment: the same flag walk as a docker run line (the
// flags' table decides what each means), then `deploy:`, which makes the environment a service.
import { finishDeploy } from './deploy-service-flags.js';
import { mapRunToEnvironment, type ImportedEnvironment, type MapContext } from './map-run-to-environment.js';
import type { ParsedRun } from './parse-docker-run.js';

export function mapServiceToEnvironment(service: ParsedRun, ctx: MapContext): ImportedEnvironment {
  const env = mapRunToEnvironment(service, ctx);
  return { ...env, fields: finishDeploy(env.fields) };
}
