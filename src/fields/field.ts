// What one environment field is, in one place: its spec keys and schema, raw → canonical, → the engine's create body,
// ← inspect, in place or recreate, how a change is shown, its `docker run` flags for import, and its Swarm service
// mapping (or why a service cannot carry it). Every stage walks the table (registry.ts) instead of naming fields.
import type { Static, TSchema } from '@sinclair/typebox';
import type { CanonicalEnv } from './canonical-env.js';
import type { ContainerCreateBody, ContainerInspectJson, ImageDefaults } from './container-json.js';
import type { InheritedDefaults } from './inherited-defaults.js';
import type { Parsed } from './values/parse-result.js';
import type { ValueCheck } from './values/value-checks.js';
import type { FlagMapping } from './flag-mapping.js';
import type { UpdatePatch } from './update-patch.js';
import type { ServiceSpecJson } from './service-json.js';

import type { DataPath } from '../base/data-path.js';

export type { DataPath };

/** A raw spec value with where it was written. */
export interface Located<T> {
  value: T;
  path: DataPath;
}

/** What a field reads of one spec key, defaults merged in (the environment wins; maps may merge both). */
export interface RawInput<T> {
  /** The environment's value, else the defaults' one; undefined when neither writes it (or it was already reported). */
  value: Located<T> | undefined;
  /** Every usable value, the defaults' first and then the environment's: for maps that merge. */
  layers: Located<T>[];
}

/** One spec key a field owns: its schema fragment and, beyond the schema, what keeps values within the engine's grammar. */
export interface KeyDef<S extends TSchema = TSchema> {
  schema: S;
  /** Run at validate on each raw object (an environment, `defaults`); values that are free text need none. */
  check?: ValueCheck;
}

export type KeyDefs = Record<string, KeyDef>;

/** A `{K: V}` map or `["K=V"]` list entry. */
export interface KeyValue {
  key: string;
  value: string | null;
  path: DataPath;
}

/** What normalize lends a field: reporting, list/map walking, where keys were written, and the machine's files. */
export interface NormalizeContext {
  /** Records a located problem (at the key itself with atKey). */
  issue(path: DataPath, message: string, hint?: string, atKey?: boolean): void;
  /** The value of `parsed`, or undefined after recording its problem at `path`. */
  report<T>(path: DataPath, parsed: Parsed<T>): T | undefined;
  /** The usable items of a list value, each with its path. */
  items(located: Located<unknown>): Located<unknown>[];
  /** The entries of a `{K: V}` map or `["K=V"]` list (a bare "K" or a null value: value null). */
  keyValues(located: Located<unknown>): KeyValue[];
  /** Where a spec key was written for this environment (its own, else `defaults`), for messages across fields. */
  pathOf(key: string): DataPath | null;
  /** "file:line:col" of a path, for messages that point at a second place. */
  where(path: DataPath, atKey?: boolean): string;
  /** The fields normalized before this one, in registry order (cross-field values). */
  env: Partial<CanonicalEnv>;
  project: string;
  envName: string;
  /** Absolute folder of the spec: relative paths resolve against it. */
  specDir: string;
  homeDir: string;
  /** Variables for bare `environment` entries and build args. */
  vars: Record<string, string | undefined>;
  /** `defaults.ports_host_ip` (or 0.0.0.0): where a published port without an IP binds. */
  defaultHostIp: string;
  /** Reads a file the spec names (env_file, ssh keys) through envctl's bounded reader. */
  readTextFile(absPath: string): string;
  /** Lists a folder (~/.ssh); throws when there is none. */
  listDir(absPath: string): string[];
  /** A host port this environment publishes, for the checks across environments (each host port once a machine). */
  claimPort(binding: { target: number; published: number | null; hostIp: string; protocol: 'tcp' | 'udp' | 'sctp' }, path: DataPath): void;
}

/** What observe lends a field. */
export interface ObserveContext {
  /** Image defaults the container took over (label dev.envctl.inherited); null for a container made by hand. */
  inherited: InheritedDefaults | null;
}

/** The container target: how the canonical value goes into a create body, and how inspect gives it back (inverses). */
export interface ContainerMapping<V> {
  /** Writes the value into the create body. Everything is sent explicitly, so the daemon's defaults never decide. */
  create(value: V, body: ContainerCreateBody, env: CanonicalEnv, image: ImageDefaults): void;
  /** Reads the value back from inspect: create then observe gives the value again. */
  observe(inspect: ContainerInspectJson, ctx: ObserveContext): V;
  /** Which image defaults the container takes over when the spec leaves this field out (recorded at create). */
  inherited?(env: CanonicalEnv, image: ImageDefaults): Partial<InheritedDefaults>;
  /**
   * For a field that wraps others (ssh puts its wrapper in front of the entrypoint): applied after every other
   * field's create, and its inverse after every other field's observe.
   */
  wrap?: {
    create(value: V, body: ContainerCreateBody, env: CanonicalEnv, image: ImageDefaults): void;
    unwrap(env: CanonicalEnv, inspect: ContainerInspectJson): void;
  };
}

/** What observe of a service lends a field. */
export interface ServiceObserveContext {
  /** The service's own labels, envctl's included (`dev.envctl.image`: the image as the spec wrote it). */
  labels: Record<string, string>;
}

/**
 * The Swarm service target: how the canonical value goes into a service spec, and how the service's spec gives it
 * back. The engine stores what it was sent, minus what is empty or zero: observe reads absent as the zero value, so
 * `observe(create(v)) == v` holds on what the engine echoes (tested on a real swarm).
 */
export interface ServiceMapping<V> {
  create(value: V, spec: ServiceSpecJson, env: CanonicalEnv): void;
  observe(spec: ServiceSpecJson, ctx: ServiceObserveContext): V;
  /** Values of a field that maps but that a service cannot carry (a port's host_ip): reported at validate. */
  check?(value: V, env: CanonicalEnv, ctx: NormalizeContext): void;
}

/**
 * A field a service cannot carry: validate reports it at its key when an environment with `deploy:` sets it (a value
 * from `defaults:` does not reach services), and `refuse` says how to get the same on a service. Observed as its
 * default.
 */
export interface ServiceRefusal {
  refuse: string;
}

export type ServiceRule<V> = ServiceMapping<V> | ServiceRefusal;

/** Whether a change can be made to the same container (`docker update`), and how. */
export type ChangeRule<V> =
  | { kind: 'recreate' }
  /** The container keeps everything but takes the new value by itself (container_name: docker rename). */
  | { kind: 'rename' }
  | {
      kind: 'in-place';
      /** null when `docker update` can make the change; otherwise why it needs a new container (e.g. unsetting a limit). */
      needsRecreate(from: V, to: V): string | null;
      /** What `docker update` is sent for this field. */
      patch(env: CanonicalEnv): UpdatePatch;
    };

/** How a field is shown in a plan. */
export interface Presentation<V> {
  /** A person's rendering of the value. */
  show(value: V): string;
  /** A value that compares with stringifySorted (sets sorted); default the value itself. */
  compare?(value: V): unknown;
  /** For values that must never be shown (environment): the change described without them. */
  summarize?(from: V, to: V): string;
  /** For a structured value (deploy): the change as one line per part that changed (`deploy.replicas: 2 → 3`). */
  details?(from: V, to: V): { field: string; from: string; to: string }[];
}

/** The `docker run` (and `docker service create`) side of a field, for `envctl import`. */
export interface ImportRule<V> {
  /** The docker run flags that map onto this field. */
  flags: readonly FlagMapping[];
  /**
   * The `docker service create` flags that map onto this field's keys: a name is the docker run flag of that name
   * above, which service create spells and means alike; absent: none. Flags of `deploy:`'s own live in
   * features/import/deploy-service-flags.ts.
   */
  serviceFlags?: readonly (string | FlagMapping)[];
  /** The spec keys and raw values a person would write for this canonical value (none for an engine default). */
  write(value: V, env: CanonicalEnv): Record<string, unknown>;
}

/** One environment field (or a small group that belongs together). */
export interface Field<P extends string, V, K extends KeyDefs> {
  /** The name plans and diffs use: the spec key people know ('shm_size', 'volumes'). */
  name: string;
  /** The canonical environment's property this field fills. */
  prop: P;
  /** The spec keys it owns: the one place each is defined. */
  keys: K;
  /** Raw → canonical, every default filled in; problems are reported through ctx (the result is then unused). */
  normalize(input: { [Key in keyof K]: RawInput<Static<K[Key]['schema']>> }, ctx: NormalizeContext): V;
  /** Checks across fields, once every field of the environment is normalized. */
  check?(env: CanonicalEnv, ctx: NormalizeContext): void;
  container: ContainerMapping<V>;
  change: ChangeRule<V>;
  present: Presentation<V>;
  import: ImportRule<V>;
  /** The Swarm service target (an environment with `deploy:`): a mapping, or why a service cannot carry the field. */
  service: ServiceRule<V>;
}

export type AnyField = Field<string, unknown, KeyDefs>;
