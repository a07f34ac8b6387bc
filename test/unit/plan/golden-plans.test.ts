// Golden plans: every test/fixtures/<case>/ with desired.json + observed.json must plan to exactly expected.plan.txt.
// UPDATE_GOLDEN=1 rewrites the expected files; read the diff by eye before keeping it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../../src/cli/render/format-plan.js';
import type { ObservedState } from '../../../src/plan/observed-state.js';
import { reconcile } from '../../../src/plan/reconcile.js';
import type { DesiredState } from '../../../src/spec/desired-state.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

// Other fixture folders (specs for the loader, …) share test/fixtures; a plan case is one with both JSON inputs.
const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .filter((name) => existsSync(join(FIXTURES, name, 'desired.json')) && existsSync(join(FIXTURES, name, 'observed.json')))
  .sort();

const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('golden plans', () => {
  it('finds the plan fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  it.each(cases)('%s', (name) => {
    const dir = join(FIXTURES, name);
    const desired = readJson<DesiredState>(join(dir, 'desired.json'));
    const observed = readJson<ObservedState>(join(dir, 'observed.json'));
    const text = `${formatPlan(reconcile(desired, observed), { color: false, graph: true })}\n`;
    const expectedFile = join(dir, 'expected.plan.txt');
    if (update) writeFileSync(expectedFile, text);
    expect(existsSync(expectedFile), `${expectedFile} is missing; run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(text).toBe(readFileSync(expectedFile, 'utf8'));
    // Secrets never reach the terminal: no environment value of either side appears anywhere in the plan text.
    const envs = [...desired.environments, ...observed.containers.map((c) => c.config)];
    for (const value of envs.flatMap((e) => Object.values(e.environment)).filter((v) => v.length >= 3)) {
      expect(text).not.toContain(value);
    }
  });
});
