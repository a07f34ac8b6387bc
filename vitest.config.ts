import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A test that ends without a single expect() fails: no test passes by asserting nothing (a loop over an empty
    // list, an expect behind an if). Type-level checks (expectTypeOf) are enforced by `npm run check`, not here.
    expect: { requireAssertions: true },
  },
});
