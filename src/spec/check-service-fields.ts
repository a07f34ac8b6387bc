// An environment with `deploy:` is a Swarm service: a field a service cannot carry is reported at its key with the
// way to get the same on a service (the field's refusal), and takes its default; a mapped field checks the values a
// service cannot carry (a port's host IP, a mount on /dev/shm).
import type { CanonicalEnv } from '../fields/canonical-env.js';
import type { AnyField, Located, NormalizeContext } from '../fields/field.js';
import { isMapping, isRefusal } from '../fields/service/service-rules.js';
import type { RawSource } from './normalize-environment.js';

export const isService = (env: Record<string, unknown>): boolean => env.deploy !== null && env.deploy !== undefined;

/**
 * Whether the field is refused on this service; if so each of its keys the environment itself writes is reported
 * (a value from `defaults:` does not reach services: it is meant for the containers).
 */
export function refuseServiceField(field: AnyField, own: RawSource, ctx: NormalizeContext): boolean {
  if (!isRefusal(field.service)) return false;
  for (const key of Object.keys(field.keys)) {
    if (key in own.obj) {
      ctx.issue([...own.path, key], `\`${key}\` cannot be set on a service (environment \`${ctx.envName}\` has \`deploy:\`)`, field.service.refuse, true);
    }
  }
  return true;
}

/** The mapped fields' checks of what a service cannot carry. */
export function checkServiceValues(table: readonly AnyField[], env: CanonicalEnv, ctx: NormalizeContext): void {
  for (const field of table) {
    if (isMapping(field.service)) field.service.check?.((env as unknown as Record<string, unknown>)[field.prop], env, ctx);
  }
}

/** `state: paused` has no meaning for a service (Swarm cannot pause tasks). */
export function checkServiceState(state: Located<unknown> | undefined, ctx: NormalizeContext): void {
  if (state?.value === 'paused') {
    ctx.issue(state.path, `a service cannot be paused (environment \`${ctx.envName}\` has \`deploy:\`)`, 'set deploy.replicas: 0 to run no tasks, or state: running', true);
  }
}
