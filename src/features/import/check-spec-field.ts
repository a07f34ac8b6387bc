// Whether this build of envctl can express a spec field, decided at run time from the schema and the list of fields
// the schema accepts but normalize still rejects, so import says exactly which flag cannot be carried over yet.
import { EnvctlError } from '../../errors/envctl-error.js';
import { EnvironmentSchema } from '../../spec/schema.js';
import { UNSUPPORTED_ENVIRONMENT_FIELDS } from '../../spec/unsupported-fields.js';

export type FieldSupport = 'supported' | 'not-yet';

export function specFieldSupport(field: string): FieldSupport {
  const known = Object.prototype.hasOwnProperty.call(EnvironmentSchema.properties, field);
  return known && !UNSUPPORTED_ENVIRONMENT_FIELDS.includes(field) ? 'supported' : 'not-yet';
}

/** Throws a usage error naming what the user wrote (`--gpus all`, or a container's setting) when `field` is not usable. */
export function requireSpecField(field: string, written: string): void {
  if (specFieldSupport(field) === 'supported') return;
  throw new EnvctlError('usage', `${written}: the spec field \`${field}\` it needs is not supported by this version of envctl yet`, {
    hint: 'leave it out of the line to import the rest, and add it to the spec once envctl supports it',
  });
}
