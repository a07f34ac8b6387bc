// Where an environment's keys are written in the spec (its own, else `defaults`'), read again from the file: for
// checks made after loading (a server's policy), which need the spec's file:line:col only when they find something.
import { NodeLocator, type DataPath } from './locate-node.js';
import { parseYaml } from './parse-yaml.js';
import { specFiles } from './read-spec-files.js';
import { fileSystemReader } from './spec-reader.js';

export interface EnvKeyPlaces {
  /** Whether the environment (or `defaults`) writes this key, in any of the spec's files. */
  written(env: string, key: string): boolean;
  /** Where: the key's own place in the last file writing it (the one that wins), else the environment's. */
  place(env: string, key: string | null): { file: string; path: DataPath; line: number; col: number };
}

type SpecData = { environments?: Record<string, Record<string, unknown> | null>; defaults?: Record<string, unknown> | null };

/** The spec's files as loading reads them: the spec, then more `-f` files or the envctl.override.yaml beside it. */
export function locateEnvKeys(source: { file: string; displayPath?: string; overrides?: readonly string[] }): EnvKeyPlaces {
  const reader = fileSystemReader();
  const files = specFiles(source.file, source.displayPath, source.overrides ?? [], reader).map((f) => {
    const parsed = parseYaml(reader.readText(f.abs), f.display);
    const data = (parsed.doc.toJS({ maxAliasCount: -1 }) ?? {}) as SpecData;
    return { shown: f.display, data, locator: new NodeLocator(parsed.doc, parsed.lineCounter) };
  });
  const pathIn = (data: SpecData, env: string, key: string): DataPath | null => {
    if (data.environments?.[env]?.[key] != null) return ['environments', env, key];
    if (data.defaults?.[key] != null) return ['defaults', key];
    return null;
  };
  const winner = (env: string, key: string) => {
    for (const f of [...files].reverse()) {
      const path = pathIn(f.data, env, key);
      if (path !== null) return { f, path };
    }
    return null;
  };
  return {
    written: (env, key) => winner(env, key) !== null,
    place(env, key) {
      const found = key === null ? null : winner(env, key);
      const f = found?.f ?? files.find((x) => x.data.environments?.[env] !== undefined) ?? files[0]!;
      const path = found?.path ?? ['environments', env];
      return { file: f.shown, path, ...f.locator.key(path) };
    },
  };
}
