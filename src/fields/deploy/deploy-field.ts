// deploy: makes the environment a Docker Swarm service (Compose's names and meanings); null = a container. No container
// carries it; on a service it is the mode, placement, resources, restart policy, update/rollback configs, endpoint
// mode and the service's own labels. First in the table: the fields after it read whether the environment is a service.
import type { Deploy } from '../canonical-env.js';
import type { Field } from '../field.js';
import { DeploySchema } from './deploy-schema.js';
import { createDeploy, observeDeploy } from './deploy-service.js';
import { deployDetails, formatDeploy, specDeploy } from './format-deploy.js';
import { normalizeDeploy } from './normalize-deploy.js';

const keys = {
  deploy: {
    get schema() {
      return DeploySchema();
    },
  },
};

export const deploy: Field<'deploy', Deploy | null, typeof keys> = {
  name: 'deploy',
  prop: 'deploy',
  keys,
  normalize: ({ deploy }, ctx) => (deploy.value && deploy.value.value !== null ? normalizeDeploy(deploy.value, ctx) : null),
  // A container is what an environment without deploy: is: nothing to write, nothing to read.
  container: { create: () => undefined, observe: () => null },
  // Every deploy change is a service update: the planner of services makes it (a container never has one).
  change: { kind: 'recreate' },
  present: { show: formatDeploy, details: deployDetails },
  // docker run has no deploy flags; `docker service create` lines are read by the import feature.
  import: { flags: [], write: (v) => (v === null ? {} : { deploy: specDeploy(v) }) },
  service: { create: createDeploy, observe: observeDeploy },
};
