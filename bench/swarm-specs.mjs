// The Swarm bench's workload, written two ways: N services as an envctl.yaml (environments with `deploy:`) and as
// the equivalent Compose file for `docker stack deploy -c`. Same image, command, variables, labels and deploy keys.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_LABEL } from './make-specs.mjs';

/** Exits at once on SIGTERM (a shell waiting on a background sleep), so removing a service never waits a grace period. */
const COMMAND = ['sh', '-c', "trap 'exit 0' TERM; sleep 86400 & wait"];

const name = (i) => `svc${String(i).padStart(2, '0')}`;

/**
 * One service of the workload. `rev` changes one variable of service 0 (a rolling update of that service only).
 * endpoint_mode dnsrr: this machine's kernel has no IPVS, so VIP load balancing (Swarm's default) cannot work here.
 */
function service(i, { image, replicas, runId, rev }) {
  return {
    image,
    command: COMMAND,
    environment: { INDEX: String(i), REV: String(i === 0 ? rev : 0) },
    labels: { [BENCH_LABEL]: runId },
    deploy: {
      replicas,
      endpoint_mode: 'dnsrr',
      labels: { [BENCH_LABEL]: runId },
      restart_policy: { condition: 'any', delay: '1s' },
      update_config: { parallelism: 2, order: 'start-first', monitor: '1s' },
    },
  };
}

const yaml = (value) => JSON.stringify(value, null, 2); // JSON is YAML: both tools read the same text shape

/** Writes `dir/envctl.yaml` or `dir/docker-compose.yml`; returns its path. */
export function writeSwarmSpec({ dir, tool, project, n, image, replicas, runId, rev = 0 }) {
  mkdirSync(dir, { recursive: true });
  const services = Object.fromEntries(Array.from({ length: n }, (_, i) => [name(i), service(i, { image, replicas, runId, rev })]));
  if (tool === 'envctl') {
    const path = join(dir, 'envctl.yaml');
    writeFileSync(path, yaml({ version: 1, project, environments: services }));
    return path;
  }
  const path = join(dir, 'docker-compose.yml');
  writeFileSync(path, yaml({ version: '3.8', services }));
  return path;
}
