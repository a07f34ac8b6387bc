// The shared check of the import equivalence tests: every line imported into the one spec without an error, the spec
// validates, and the single apply of it succeeded quietly.
import { expect } from 'vitest';
import type { CliResult, SpecDir } from './run-cli.js';

/** `validateArgs`: e.g. --allow-dangerous for lines with devices (the shared-server policy refuses them by default). */
export async function expectImportedAndApplied(importErrors: Map<string, string>, spec: SpecDir, applied: CliResult, ...validateArgs: string[]): Promise<void> {
  expect(Object.fromEntries(importErrors)).toStrictEqual({});
  const validate = await spec.run('validate', ...validateArgs);
  expect(validate.stderr).toBe('');
  expect(validate.exitCode).toBe(0);
  expect(applied.stderr).toBe('');
  expect(applied.exitCode).toBe(0);
}
