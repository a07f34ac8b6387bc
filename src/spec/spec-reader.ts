// What loading a spec may read besides its own text: files, folder listings, environment variables. One interface,
// so every input goes through the same limits (and tests can give their own).
import { readdirSync, statSync } from 'node:fs';
import { readInputFile } from '../base/read-input-file.js';

export interface SpecReader {
  /** False for a missing path too. */
  isDirectory(path: string): boolean;
  /** Throws as readInputFile does: ENOENT …, or InputFileError for a file that is not regular or too large. */
  readText(path: string): string;
  /** Throws as readdirSync does. */
  listDir(path: string): string[];
  /** One environment variable (interpolation, bare `environment` entries); undefined when unset. */
  env(name: string): string | undefined;
}

export function fileSystemReader(environ: Record<string, string | undefined> = process.env): SpecReader {
  return {
    isDirectory(path) {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    },
    readText: (path) => readInputFile(path),
    listDir: (path) => readdirSync(path),
    env: (name) => (Object.hasOwn(environ, name) ? environ[name] : undefined),
  };
}
