// Builds the ajv validator for the spec's JSON Schema. The CLI bundle replaces compileValidator with code that ajv
// generated at build time (scripts/build-validator.mjs), so a CLI run never pays for ajv's schema compiler.
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { buildJsonSchema } from './write-schema.js';

/** The one place that sets ajv's options: run-time compilation and build-time code generation must agree. */
export function makeAjv(extra: Options = {}): Ajv {
  // verbose: errors carry the failing data and the schema around them, which validate-spec's messages need.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, ...extra });
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  return ajv;
}

export function compileValidator(): ValidateFunction {
  return makeAjv().compile(buildJsonSchema());
}
