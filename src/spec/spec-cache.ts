// Remembers the last successful load of a spec together with every input that load read (files, folder listings,
// environment variables), so an unchanged spec is not parsed, validated and normalized again: ~20 ms of a no-op run.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DesiredState } from './canonical-env.js';
import type { LoadOptions } from './load-spec.js';
import { fileSystemReader, type SpecReader } from './spec-reader.js';
import { hashText } from './hash-text.js';

export interface SpecCacheOptions {
  /** Identifies the code that normalized (a record from another build is never used). */
  build: string;
  /** Folder of the cache files. */
  dir: string;
  /** The environment the spec sees; default process.env. */
  environ?: Record<string, string | undefined>;
  homeDir?: string;
}

/** Everything a load read, each with what it was: a hash of a file (null = unreadable), a listing, a variable's hash. */
interface Inputs {
  dirs: [string, boolean][];
  files: [string, string | null][];
  listings: [string, string[] | null][];
  env: [string, string | null][];
}

interface CacheRecord {
  build: string;
  key: string;
  inputs: Inputs;
  state: DesiredState;
}

/** Keeps the folder small: past this many files, a write removes the least recently written half. */
const MAX_FILES = 64;

/**
 * loadSpec, answered from the cache when the same spec (same path, folder, display name, home) was loaded before by
 * the same build and every input it read is unchanged; otherwise loaded, and remembered when it loads without error.
 * The cache holds the normalized spec, environment values included (as the engine's own container config does): its
 * files are readable by their owner only. Any problem with the cache only costs the time of a normal load.
 */
export async function loadSpecCached(file: string, options: LoadOptions, cache: SpecCacheOptions): Promise<DesiredState> {
  return (await loadSpecThroughCache(file, options, cache)).state;
}

/** loadSpecCached, also telling whether the answer came from the cache. */
export async function loadSpecThroughCache(
  file: string,
  options: LoadOptions,
  cache: SpecCacheOptions,
): Promise<{ state: DesiredState; fromCache: boolean }> {
  const environ = cache.environ ?? process.env;
  const homeDir = cache.homeDir ?? homedir();
  const key = JSON.stringify([resolve(file), process.cwd(), options.displayPath ?? null, homeDir]);
  // One file per build too: two installed versions used in turn do not evict each other's record.
  const path = join(cache.dir, `${hashText(`${cache.build}\n${key}`)}.json`);
  const plain = fileSystemReader(environ);

  const hit = readRecord(path, cache.build, key);
  // A hit reads, and writes nothing: a no-op run stays read-only.
  if (hit && unchanged(hit.inputs, plain)) return { state: hit.state, fromCache: true };
  const { reader, inputs } = recordingReader(plain);
  // Imported here, not at the top: an answer from the cache never loads the YAML parser and the validator (~8 ms).
  const { loadSpec } = await import('./load-spec.js');
  const state = await loadSpec(file, { ...options, homeDir, reader });
  writeRecord(cache.dir, path, { build: cache.build, key, inputs, state });
  return { state, fromCache: false };
}

function readRecord(path: string, build: string, key: string): CacheRecord | null {
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as CacheRecord;
    return record.build === build && record.key === key ? record : null;
  } catch {
    return null;
  }
}

function unchanged(inputs: Inputs, reader: SpecReader): boolean {
  const text = (path: string): string | null => {
    try {
      return hashText(reader.readText(path));
    } catch {
      return null;
    }
  };
  const listing = (path: string): string[] | null => {
    try {
      return reader.listDir(path).sort();
    } catch {
      return null;
    }
  };
  const variable = (name: string): string | null => {
    const value = reader.env(name);
    return value === undefined ? null : hashText(value);
  };
  return (
    inputs.dirs.every(([p, isDir]) => reader.isDirectory(p) === isDir) &&
    inputs.files.every(([p, h]) => text(p) === h) &&
    inputs.listings.every(([p, names]) => JSON.stringify(listing(p)) === JSON.stringify(names)) &&
    inputs.env.every(([name, h]) => variable(name) === h)
  );
}

/** A reader that notes every answer it gives; the record stores hashes, never a file's or variable's content. */
function recordingReader(inner: SpecReader): { reader: SpecReader; inputs: Inputs } {
  const inputs: Inputs = { dirs: [], files: [], listings: [], env: [] };
  const reader: SpecReader = {
    isDirectory(path) {
      const answer = inner.isDirectory(path);
      inputs.dirs.push([path, answer]);
      return answer;
    },
    readText(path) {
      try {
        const text = inner.readText(path);
        inputs.files.push([path, hashText(text)]);
        return text;
      } catch (err) {
        inputs.files.push([path, null]);
        throw err;
      }
    },
    listDir(path) {
      try {
        const names = inner.listDir(path);
        inputs.listings.push([path, [...names].sort()]);
        return names;
      } catch (err) {
        inputs.listings.push([path, null]);
        throw err;
      }
    },
    env(name) {
      const value = inner.env(name);
      inputs.env.push([name, value === undefined ? null : hashText(value)]);
      return value;
    },
  };
  return { reader, inputs };
}

function writeRecord(dir: string, path: string, record: CacheRecord): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(tmp, JSON.stringify(record), { mode: 0o600 });
    renameSync(tmp, path);
    prune(dir);
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // No folder to write in at all: nothing was left behind.
    }
  }
}

function prune(dir: string): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_FILES) return;
  const byAge = names.map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs })).sort((a, b) => a.t - b.t);
  for (const { n } of byAge.slice(0, names.length - MAX_FILES / 2)) rmSync(join(dir, n), { force: true });
}

/** $XDG_CACHE_HOME/envctl/specs, else ~/.cache/envctl/specs. */
export function defaultSpecCacheDir(environ: Record<string, string | undefined> = process.env, homeDir = homedir()): string {
  const base = environ.XDG_CACHE_HOME?.startsWith('/') ? environ.XDG_CACHE_HOME : join(homeDir, '.cache');
  return join(base, 'envctl', 'specs');
}

/**
 * The build of the running CLI bundle (the content hash build-bundle.mjs stamps into its first line), or null when
 * envctl runs from unbundled sources (tests, `tsx`): then nothing is cached, as nothing would say the code changed.
 * ENVCTL_SPEC_CACHE=off turns the cache off.
 */
export function runningBuildId(environ: Record<string, string | undefined> = process.env): string | null {
  if (['off', '0', 'false'].includes((environ.ENVCTL_SPEC_CACHE ?? '').toLowerCase())) return null;
  let fd: number | undefined;
  try {
    fd = openSync(fileURLToPath(import.meta.url), 'r');
    const head = Buffer.alloc(40);
    const n = readSync(fd, head, 0, head.length, 0);
    const stamp = /^\/\*envctl-hash:([0-9a-f]{16})\*\//.exec(head.toString('utf8', 0, n))?.[1];
    return stamp === undefined || /^0+$/.test(stamp) ? null : stamp;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
