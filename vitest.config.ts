import { defineConfig } from 'vitest/config';

// Two lanes, run side by side by scripts/test.sh (each one file at a time): the Swarm tests, on the three-node testbed
// of scripts/swarm-up.sh (its own dockerds; its two GPUs and a worker some tests kill are shared by those files
// alone), and all the rest, on the shared engine. A test file that uses the testbed is named swarm-*.test.ts
// (test/unit/support/swarm-lane.test.ts checks it).
export const SWARM_FILES = ['test/engine/swarm-*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A test that ends without a single expect() fails: no test passes by asserting nothing (a loop over an empty
    // list, an expect behind an if). Type-level checks (expectTypeOf) are enforced by `npm run check`, not here.
    expect: { requireAssertions: true },
    projects: [
      { extends: true, test: { name: 'swarm', include: SWARM_FILES } },
      { extends: true, test: { name: 'main', include: ['test/**/*.test.ts'], exclude: [...SWARM_FILES, '**/node_modules/**'] } },
    ],
  },
});
