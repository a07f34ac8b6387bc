// Refuses a spec the server's policy does not allow, or that asks for dangerous settings nobody allowed: one located
// error per problem (the spec's file:line:col, the policy's rule and file:line), before any engine call.
import { SpecError } from '../errors/envctl-error.js';
import { checkPolicy } from '../features/policy/check-policy.js';
import { readPolicy } from '../features/policy/read-policy.js';
import type { DesiredState } from '../spec/desired-state.js';
import { locateEnvKeys, type EnvKeyPlaces } from '../spec/locate-env-keys.js';
import type { SpecSource } from './run-plan.js';

export async function enforcePolicy(desired: DesiredState, source: SpecSource, options: { allowDangerous: boolean }): Promise<void> {
  const policy = await readPolicy();
  // The spec is read again for places only when a rule needs what it writes, or something was found.
  let places: EnvKeyPlaces | undefined;
  const spec = (): EnvKeyPlaces => (places ??= locateEnvKeys(source));
  const violations = checkPolicy(desired.environments, policy, { allowDangerous: options.allowDangerous, written: (env, key) => spec().written(env, key) });
  if (violations.length === 0) return;
  throw new SpecError(
    violations
      .map((v) => ({ ...spec().place(v.env, v.key), message: `environment \`${v.env}\`: ${v.message}`, hint: v.hint }))
      .sort((a, b) => a.line - b.line || a.col - b.col),
    'policy-violation',
  );
}
