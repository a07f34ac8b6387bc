// A complete CanonicalEnv with engine defaults, for tests to override field by field.
import { defaultEnv } from '../../support/default-env.js';
import type { CanonicalEnv } from '../../../src/fields/canonical-env.js';
import { TEST_IMAGE } from './test-image.js';

export function makeEnv(project: string, name: string, overrides: Partial<CanonicalEnv> = {}): CanonicalEnv {
  return defaultEnv(project, name, TEST_IMAGE, overrides);
}
