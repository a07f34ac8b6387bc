// `envctl init`'s $schema reference: relative when envctl is installed below the spec's folder, absolute otherwise.
import { describe, expect, it } from 'vitest';
import { schemaFile, schemaReference } from '../../../src/features/init/schema-reference.js';

describe('schemaReference', () => {
  it('is relative for envctl in the project’s node_modules', () => {
    expect(schemaReference('/home/a/lab', '/home/a/lab/node_modules/envctl/schemas/envctl.schema.json')).toBe('node_modules/envctl/schemas/envctl.schema.json');
  });
  it('is the absolute path for an envctl installed elsewhere', () => {
    expect(schemaReference('/home/a/lab', '/usr/lib/node_modules/envctl/schemas/envctl.schema.json')).toBe('/usr/lib/node_modules/envctl/schemas/envctl.schema.json');
  });
  it('finds the schema file shipped with this envctl', () => {
    expect(schemaFile()).toMatch(/schemas\/envctl\.schema\.json$/);
  });
});
