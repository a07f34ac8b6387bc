// Every key of an environment, and what keeps its values within what the engine can hold: a check run at validate,
// or (a string) where else that is decided. The fields' keys bring their own checks (src/fields/table/); the
// settings that are not container config are listed here. TypeScript makes the table name every key of the schema.
import type { KeyDef } from '../fields/field.js';
import { FIELDS } from '../fields/registry.js';
import { entryNames, isObj, printableWord, type ValueCheck } from '../fields/values/value-checks.js';
import type { RawEnvironment } from './schema.js';

const build: ValueCheck = (value, path, report) => {
  if (!isObj(value)) return;
  entryNames('build argument')(value.args, [...path, 'args'], report);
  printableWord('build target', /^[a-zA-Z][a-zA-Z0-9_.-]*$/, 'the name of a stage in the Dockerfile (FROM … AS <name>)')(value.target, [...path, 'target'], report);
};

const SETTINGS: Record<string, ValueCheck | string> = {
  state: 'schema: enum',
  on_recreate: 'schema: enum',
  ignore_changes: 'path globs matched by envctl only, never sent to the engine',
  build,
  pull_policy: 'schema: enum',
  host: 'normalize: must name an entry of `hosts:`',
};

const fromFields: Record<string, ValueCheck | string> = Object.fromEntries(
  FIELDS.flatMap((field) =>
    Object.entries(field.keys as Record<string, KeyDef>).map(([key, def]) => [key, def.check ?? `the ${field.name} field's normalize (src/fields/table/)`]),
  ),
);

type EnvironmentField = keyof RawEnvironment;

export const ENVIRONMENT_FIELD_CHECKS = { ...fromFields, ...SETTINGS } as { [K in EnvironmentField]-?: ValueCheck | string };

/** The checks for one environment (or `defaults`) object. */
export function checkEnvironmentValues(obj: Record<string, unknown>, path: (string | number)[], report: Parameters<ValueCheck>[2], skip: (path: (string | number)[]) => boolean): void {
  for (const [field, check] of Object.entries(ENVIRONMENT_FIELD_CHECKS)) {
    if (typeof check === 'string' || !(field in obj)) continue;
    const at = [...path, field];
    if (!skip(at)) check(obj[field], at, report);
  }
}
