// A spec with `hosts:` spans several engines: one part per engine, each a spec of its own (its environments, the
// volumes they use), planned, applied and locked on that engine by the same single-engine use-cases.
import type { Engine } from '../engine/engine.js';
import { namedVolumes, type DesiredState } from '../spec/desired-state.js';

export interface EnginePart {
  /** The `hosts:` entry; null = the default engine (DOCKER_HOST, else the local socket). */
  host: string | null;
  /** The entry's address; null for the default engine. */
  dockerHost: string | null;
  desired: DesiredState;
}

/**
 * Every engine listed under `hosts:` is a part even with no environment on it now, so an environment moved away is
 * removed there (an orphan, guarded like any other). The default engine is a part when an environment runs on it, when
 * a declared volume no environment uses is to be created (as without hosts), or when the spec has no `hosts:`.
 */
export function engineParts(desired: DesiredState): EnginePart[] {
  const hosts = desired.hosts ?? {};
  const hostOf = (env: string): string | null => desired.envHosts?.[env] ?? null;
  const used = new Set(desired.environments.flatMap(namedVolumes));
  const unusedDeclared = desired.volumes.some((v) => !used.has(v.name));
  const names: (string | null)[] = [];
  if (desired.hosts === undefined || unusedDeclared || desired.environments.some((e) => hostOf(e.name) === null)) names.push(null);
  names.push(...Object.keys(hosts).sort());
  return names.map((host) => ({ host, dockerHost: host === null ? null : hosts[host]!, desired: partOf(desired, host, hostOf, used) }));
}

function partOf(desired: DesiredState, host: string | null, hostOf: (env: string) => string | null, used: Set<string>): DesiredState {
  const environments = desired.environments.filter((e) => hostOf(e.name) === host);
  const names = new Set(environments.map((e) => e.name));
  const mine = new Set(environments.flatMap(namedVolumes));
  // A declared volume goes where it is used; one nobody uses is created on the default engine.
  const volumes = desired.volumes.filter((v) => mine.has(v.name) || (host === null && !used.has(v.name)));
  const pick = <T>(record: Record<string, T> | undefined): Record<string, T> | undefined => {
    if (record === undefined) return undefined;
    const kept = Object.entries(record).filter(([env]) => names.has(env));
    return kept.length > 0 ? Object.fromEntries(kept) : undefined;
  };
  // Everything of the spec goes with each part but the engines (a part is one engine) and what is per environment,
  // which keeps only this part's environments: a new per-environment record is listed here, not silently dropped.
  const { hosts: _hosts, envHosts: _envHosts, policies, imageSources, sensitive, ...shared } = desired;
  const perEnv = { policies: pick(policies), imageSources: pick(imageSources), sensitive: pick(sensitive) };
  const kept = Object.fromEntries(Object.entries(perEnv).filter(([, v]) => v !== undefined)) as Pick<DesiredState, keyof typeof perEnv>;
  return { ...shared, environments, volumes, ...kept };
}

/**
 * The parts of a command that may run without a spec (`--project NAME`): then there are no hosts to name, and it is
 * the default engine alone.
 */
export function partsOf(desired: DesiredState | null, project: string): EnginePart[] {
  if (desired !== null) return engineParts(desired);
  return [{ host: null, dockerHost: null, desired: { project, specFile: '', environments: [], volumes: [] } }];
}

/** True for a spec on the default engine alone: every command then behaves, and prints, exactly as without hosts. */
export function isSingleDefault(parts: readonly EnginePart[]): boolean {
  return parts.length === 1 && parts[0]!.host === null;
}

/** Connects to the engine at an address (a `hosts:` entry's), or to the default engine for null. */
export type ConnectTo = (dockerHost: string | null) => Engine;

/** The address of the engine an environment runs on; null = the default engine (also for a name the spec lacks). */
export function dockerHostOfEnv(desired: DesiredState, envName: string): string | null {
  const host = desired.envHosts?.[envName];
  return host === undefined ? null : (desired.hosts?.[host] ?? null);
}

/** "engine gpu1 (ssh://gpu1)" or "the default engine", for headers and messages. */
export function describePart(part: EnginePart): string {
  return part.host === null ? 'the default engine' : `engine ${part.host} (${part.dockerHost})`;
}

