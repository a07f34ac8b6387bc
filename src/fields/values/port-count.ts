// How many ports one environment may publish: beyond what an engine can sensibly serve, a range is a mistake.
import { fail, ok, type Parsed } from './parse-result.js';

/**
 * The engine runs a docker-proxy process per published port and address family (about 7 MB and 30 ms a port, measured
 * on Docker 20.10): 1,000 ports already cost 7 GB. Beyond that a range is a mistake, or a job for network_mode: host.
 */
const MAX_PORTS_PER_ENVIRONMENT = 1000;

export function checkPortCount(count: number): Parsed<number> {
  if (count <= MAX_PORTS_PER_ENVIRONMENT) return ok(count);
  return fail(
    `${count} ports are published; at most ${MAX_PORTS_PER_ENVIRONMENT} per environment (the engine starts a proxy process for each, about 7 MB apiece)`,
    'publish fewer ports, or use `network_mode: host` to reach every port of the container without publishing',
  );
}
