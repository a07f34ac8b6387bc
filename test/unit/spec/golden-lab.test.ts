// Golden canonical output of examples/research-lab.yaml (UPDATE_GOLDEN=1 rewrites the fixture after a deliberate change).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadSpec } from '../../../src/spec/load-spec.js';

const specFile = fileURLToPath(new URL('../../../examples/research-lab.yaml', import.meta.url));
const specDir = fileURLToPath(new URL('../../../examples', import.meta.url));
const goldenFile = fileURLToPath(new URL('./fixtures/research-lab.desired.json', import.meta.url));

describe('a realistic lab spec', () => {
  test('normalizes to exactly the golden canonical state (every default filled in, everything sorted)', async () => {
    const state = await loadSpec(specFile, { environ: { USER: 'bob', TZ: 'Europe/Berlin' }, homeDir: '/home/bob', displayPath: 'research-lab.yaml' });
    // The checkout's location is not part of the contract.
    const text = `${JSON.stringify(state, null, 2).split(specDir).join('<specDir>')}\n`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenFile, text);
    // Compared as data: the order of keys in an object is not part of the contract, the order of lists is.
    expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(goldenFile, 'utf8')));
  });
});
