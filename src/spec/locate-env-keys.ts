// Where an environment's keys are written in the spec (its own, else `defaults`'), read again from the file: for
// checks made after loading (a server's policy), which need the spec's file:line:col only when they find something.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { NodeLocator, type DataPath } from './locate-node.js';
import { parseYaml } from './parse-yaml.js';
import { fileSystemReader } from './spec-reader.js';

export interface EnvKeyPlaces {
  /** Whether the environment (or `defaults`) writes this key. */
  written(env: string, key: string): boolean;
  /** Where: the key's own place, else the environment's. */
  place(env: string, key: string | null): { file: string; path: DataPath; line: number; col: number };
}

export function locateEnvKeys(file: string, display: string): EnvKeyPlaces {
  const isDir = (() => {
    try {
      return statSync(file).isDirectory();
    } catch {
      return false;
    }
  })();
  const specFile = isDir ? join(file, 'envctl.yaml') : file;
  const shown = isDir ? join(display, 'envctl.yaml') : display;
  const parsed = parseYaml(fileSystemReader().readText(specFile), shown);
  const data = (parsed.doc.toJS({ maxAliasCount: -1 }) ?? {}) as { environments?: Record<string, Record<string, unknown> | null>; defaults?: Record<string, unknown> | null };
  const locator = new NodeLocator(parsed.doc, parsed.lineCounter);
  const pathOf = (env: string, key: string): DataPath | null => {
    if (data.environments?.[env]?.[key] != null) return ['environments', env, key];
    if (data.defaults?.[key] != null) return ['defaults', key];
    return null;
  };
  return {
    written: (env, key) => pathOf(env, key) !== null,
    place(env, key) {
      const path = (key === null ? null : pathOf(env, key)) ?? ['environments', env];
      return { file: shown, path, ...locator.key(path) };
    },
  };
}
