// Every examples/*.yaml a user may copy must load cleanly.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadSpec } from '../../../src/spec/load-spec.js';

const examplesDir = fileURLToPath(new URL('../../../examples/', import.meta.url));
const examples = readdirSync(examplesDir).filter((name) => /\.ya?ml$/.test(name)).sort();

// A home with a public key, as `ssh:` examples read ~/.ssh/*.pub (a made-up key: only its form is checked).
const home = mkdtempSync(join(tmpdir(), 'envctl-examples-home-'));
mkdirSync(join(home, '.ssh'));
writeFileSync(join(home, '.ssh', 'id_ed25519.pub'), 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyForTheExamplesTestOnly000000000 alice@lab\n');
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('every example a user may copy is a valid spec', () => {
  test('there are examples to check', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  test.each(examples)('examples/%s loads', async (name) => {
    const state = await loadSpec(join(examplesDir, name), { environ: { USER: 'alice' }, homeDir: home, displayPath: `examples/${name}` });
    expect(state.environments.length).toBeGreaterThan(0);
    for (const env of state.environments) expect(env.image).not.toBe('');
  });
});
