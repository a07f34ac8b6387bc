// The desired state a spec normalizes to: the canonical environments, the named volumes, and per environment what is
// not container config (data-safety policy, image source, engine placement).
import type { SpecIssue } from '../errors/envctl-error.js';
import type { CanonicalEnv } from '../fields/canonical-env.js';
import type { EnvPolicy } from './env-policy.js';
import type { ImageSource } from './image-source.js';

/** A named volume envctl manages. */
export interface CanonicalVolume {
  name: string;
  driver: string;
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
  /** Declared under top-level `volumes:` (true) or only used by an environment (false). */
  declared: boolean;
}

export interface DesiredState {
  project: string;
  /** Absolute path of the spec file. */
  specFile: string;
  /** When the spec is several files: each as shown in messages, the spec first, then those merged onto it. */
  files?: string[];
  /** Located warnings (a variable used but not set): the spec is valid, the caller shows them. */
  warnings?: SpecIssue[];
  /** Env name → the names of its environment variables whose values are secrets (sensitive-values.ts); absent = none. */
  sensitive?: Record<string, string[]>;
  environments: CanonicalEnv[];
  volumes: CanonicalVolume[];
  /** Data-safety policy per environment name (on_recreate, ignore_changes); absent = refuse, nothing extra ignored. */
  policies?: Record<string, EnvPolicy>;
  /** Where each environment's image comes from (pull_policy, build:); absent = pull when missing. */
  imageSources?: Record<string, ImageSource>;
  /** Top-level `hosts:`: engine name → its DOCKER_HOST address. Absent = every environment on the default engine. */
  hosts?: Record<string, string>;
  /** Env name → the `hosts:` entry it runs on; an env not listed runs on the default engine (DOCKER_HOST or local). */
  envHosts?: Record<string, string>;
}

/** The named volumes an environment mounts, each once, sorted. */
export function namedVolumes(env: Pick<CanonicalEnv, 'mounts'>): string[] {
  return [...new Set(env.mounts.flatMap((m) => (m.type === 'volume' ? [m.source] : [])))].sort();
}
