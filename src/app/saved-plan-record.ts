// What a saved plan (`envctl plan -o FILE`) records of what it was made from: the spec (hashes, never values) and the
// project's containers as observed, so `envctl apply FILE` can tell, in plain words, what changed since.
import { readInputFile } from '../base/read-input-file.js';
import { sha256Hex } from '../base/sha256.js';
import { stringifySorted } from '../base/stringify-sorted.js';
import type { ObservedContainer } from '../engine/engine.js';
import type { DesiredState } from '../spec/desired-state.js';
import { fileSystemReader } from '../spec/spec-reader.js';
import { specFiles } from '../spec/read-spec-files.js';
import type { SpecSource } from './run-plan.js';

export const SAVED_PLAN_FORMAT = 'envctl-plan';
export const SAVED_PLAN_VERSION = 1;

/** The spec a plan was made from. Hashes are salted per plan: values (secrets among them) are never stored. */
export interface SavedSpec {
  /** The `-f` files as given (absolute), so apply reads the same spec wherever it runs from. */
  source: { file: string; overrides: string[] };
  /** Each spec file read, as shown in messages, with a hash of its text (null: it could not be read). */
  files: { path: string; hash: string | null }[];
  salt: string;
  /** The loaded, canonical desired state (everything the files, `.env`, env_file files and variables made of it). */
  hash: string;
  /** The same, per environment (its canonical config, data-safety policy and image source). */
  environments: Record<string, string>;
}

/** A container of the project as the plan saw it. */
export interface SavedContainer {
  /** `env:NAME`, or the container's name when it has no env label. */
  resource: string;
  name: string;
  id: string;
  status: string;
  exitCode: number;
  specHash: string | null;
}

export function recordSpec(desired: DesiredState, source: SpecSource, salt: string): SavedSpec {
  const abs = specFiles(source.file, source.displayPath, source.overrides ?? [], fileSystemReader());
  return {
    source: { file: abs[0]!.abs, overrides: (source.overrides ?? []).length > 0 ? abs.slice(1).map((f) => f.abs) : [] },
    files: abs.map((f) => ({ path: f.display, hash: hashFile(f.abs, salt) })),
    salt,
    ...hashDesired(desired, salt),
  };
}

export function hashDesired(desired: DesiredState, salt: string): Pick<SavedSpec, 'hash' | 'environments'> {
  const { warnings: _w, specFile: _s, files: _f, ...state } = desired;
  const environments: Record<string, string> = {};
  for (const env of desired.environments) {
    const of = <T>(record: Record<string, T> | undefined): T | undefined => record?.[env.name];
    environments[env.name] = salted(salt, stringifySorted({ env, policy: of(desired.policies), image: of(desired.imageSources), host: of(desired.envHosts) }));
  }
  return { hash: salted(salt, stringifySorted(state)), environments };
}

export function hashFile(path: string, salt: string): string | null {
  try {
    return salted(salt, readInputFile(path));
  } catch {
    return null;
  }
}

function salted(salt: string, text: string): string {
  return sha256Hex(`${salt}\n${text}`);
}

export function recordContainers(containers: readonly ObservedContainer[]): SavedContainer[] {
  return containers
    .map((c) => ({
      resource: c.envName === null ? c.name : `env:${c.envName}`,
      name: c.name,
      id: c.id,
      status: c.status,
      exitCode: c.exitCode,
      specHash: c.specHash,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
