// Where `envctl init` points the editor for the spec's JSON Schema: the schemas/envctl.schema.json shipped with the
// envctl that runs — relative to the spec when envctl sits below its folder (node_modules/envctl), else absolute.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The schema file of this envctl: found by walking up from this module (src/, dist/ and the bundle sit at different depths). */
export function schemaFile(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', 'envctl.schema.json');
    if (existsSync(candidate) && existsSync(join(dir, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/** The text after `$schema=` for a spec in `specDir`; null when envctl's schema file cannot be found. */
export function schemaReference(specDir: string, file: string | null = schemaFile()): string | null {
  if (file === null) return null;
  const rel = relative(specDir, file);
  const inside = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  return inside ? rel.split(sep).join('/') : file;
}

export function schemaLine(specDir: string): string {
  const ref = schemaReference(specDir);
  return ref === null ? '' : `# yaml-language-server: $schema=${ref}\n`;
}
