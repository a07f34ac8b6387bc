// Per-environment data-safety policy (on_recreate, ignore_changes): how apply treats work in a container's own layer.
// Kept beside CanonicalEnv, not in it: it is not container config, so observe and the round trip never see it.

export type OnRecreate = 'refuse' | 'snapshot' | 'discard';

export interface EnvPolicy {
  /** What apply does when a recreate or remove would lose own-layer changes (default refuse). */
  onRecreate: OnRecreate;
  /** Globs of paths whose changes do not count (added to the built-in runtime-noise list). */
  ignoreChanges: string[];
}

export const DEFAULT_ENV_POLICY: EnvPolicy = { onRecreate: 'refuse', ignoreChanges: [] };

const ON_RECREATE = new Set<string>(['refuse', 'snapshot', 'discard']);

type Obj = Record<string, unknown>;

/**
 * The environment's own value wins over `defaults`, as for every other field. Values were validated by the schema
 * already; anything else falls back to the safe default (refuse) rather than guessing.
 */
export function readEnvPolicy(own: Obj, defaults: Obj | undefined): EnvPolicy {
  const pick = (field: string): unknown => (field in own ? own[field] : defaults?.[field]);
  const onRecreate = pick('on_recreate');
  const ignore = pick('ignore_changes');
  return {
    onRecreate: typeof onRecreate === 'string' && ON_RECREATE.has(onRecreate) ? (onRecreate as OnRecreate) : 'refuse',
    ignoreChanges: Array.isArray(ignore) ? ignore.filter((g): g is string => typeof g === 'string') : [],
  };
}
