// One builder for a complete CanonicalEnv with engine defaults, shared by unit and engine tests: the field table's
// own defaults (src/fields/default-env.ts), so a new field needs nothing here.
export { defaultEnv } from '../../src/fields/default-env.js';

import { SWARM_DEFAULTS, type Deploy } from '../../src/fields/canonical-env.js';

/** A service's `deploy:` with Swarm's defaults (2 dnsrr replicas), parts overridden. */
export const defaultDeploy = (over: Partial<Deploy> = {}): Deploy => ({
  mode: 'replicated',
  replicas: 2,
  endpointMode: 'dnsrr',
  labels: {},
  constraints: [],
  preferences: [],
  maxReplicasPerNode: 0,
  limits: { nanoCpus: 0, memoryBytes: 0, pids: 0 },
  reservations: { nanoCpus: 0, memoryBytes: 0, genericResources: [] },
  restartPolicy: { ...SWARM_DEFAULTS.restartPolicy },
  updateConfig: { ...SWARM_DEFAULTS.updatePolicy },
  rollbackConfig: { ...SWARM_DEFAULTS.updatePolicy },
  ...over,
});
