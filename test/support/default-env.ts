// One builder for a complete CanonicalEnv with engine defaults, shared by unit and engine tests: the field table's
// own defaults (src/fields/default-env.ts), so a new field needs nothing here.
export { defaultEnv } from '../../src/fields/default-env.js';
