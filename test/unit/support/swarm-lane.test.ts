// The Swarm tests run in their own lane, one file at a time, beside the rest (vitest.config.ts, scripts/test.sh): the
// testbed's two GPUs, its ingress ports and the worker some tests kill are shared by those files alone. A file lands
// in that lane by its name, so a test file that uses the testbed must be named swarm-*.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : [],
  );
}

const usesTestbed = (file: string): boolean => /from '[^']*support\/swarm-(testbed|project)\.js'/.test(readFileSync(file, 'utf8'));

/** vitest.config.ts's SWARM_FILES: test/engine/swarm-*.test.ts. */
const inLane = (file: string): boolean => /^test\/engine\/swarm-[^/]*\.test\.ts$/.test(file);

describe('the Swarm lane', () => {
  const files = testFiles(join(ROOT, 'test')).map((f) => relative(ROOT, f));

  it('holds every test file that uses the swarm testbed (by its name, test/engine/swarm-*.test.ts)', () => {
    const users = files.filter((f) => usesTestbed(join(ROOT, f)));
    expect(users.length).toBeGreaterThan(5);
    expect(users.filter((f) => !inLane(f))).toEqual([]);
  });

  it('is the pattern vitest.config.ts gives the swarm project', () => {
    expect(readFileSync(join(ROOT, 'vitest.config.ts'), 'utf8')).toContain("SWARM_FILES = ['test/engine/swarm-*.test.ts']");
    expect(files.filter(inLane).length).toBeGreaterThan(5);
  });
});
