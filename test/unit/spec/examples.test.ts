// Every examples/*.yaml a user may copy must load cleanly.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSpec } from '../../../src/spec/load-spec.js';

const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const examples = readdirSync(examplesDir).filter((name) => /\.ya?ml$/.test(name)).sort();

describe('every example a user may copy is a valid spec', () => {
  test('there are examples to check', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  test.each(examples)('examples/%s loads', async (name) => {
    const state = await loadSpec(join(examplesDir, name), { environ: { USER: 'alice' }, homeDir: '/home/alice', displayPath: `examples/${name}` });
    expect(state.environments.length).toBeGreaterThan(0);
    for (const env of state.environments) expect(env.image).not.toBe('');
  });
});
