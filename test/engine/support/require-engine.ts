// Connects to the real Docker Engine for a test, or FAILS the test (never skips) with what to do.
import { connectEngine } from '../../../src/engine/connect-engine.js';
import type { DockerEngine } from '../../../src/engine/docker-engine.js';
import { TEST_IMAGE } from './test-image.js';

/** A ready engine with the local test image present; throws an Error that names the fix otherwise. */
export async function requireEngine(): Promise<DockerEngine> {
  const engine = connectEngine();
  try {
    await engine.ping();
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`engine tests need a Docker Engine: ${why} (run: bash scripts/engine-up.sh)`, { cause: err });
  }
  if ((await engine.inspectImage(TEST_IMAGE)) === null) {
    throw new Error(`engine tests need the local image ${TEST_IMAGE} (run: bash scripts/engine-up.sh)`);
  }
  engine.resetStats();
  return engine;
}
