// Generates schemas/envctl.schema.json (plain draft-07 JSON Schema for editors and users) from src/spec/schema.ts.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SpecSchema } from './schema.js';

/** The JSON Schema document; JSON round-trip drops TypeBox's symbol-keyed metadata so only plain JSON Schema remains. */
export function buildJsonSchema(): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(SpecSchema)) as Record<string, unknown>;
  // title and description first, so the file reads well; spread keeps those positions.
  return { $schema: 'http://json-schema.org/draft-07/schema#', title: plain.title, description: plain.description, ...plain };
}

/** The exact text committed as schemas/envctl.schema.json. */
export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}

export const SCHEMA_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../schemas/envctl.schema.json');

export function writeSchema(file: string = SCHEMA_FILE): void {
  writeFileSync(file, renderJsonSchema());
}

// Run as a script (`npm run gen:schema`): write the file next to the package's other schemas.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeSchema();
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}
