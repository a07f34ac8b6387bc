// The lab fields' rows of the field table (env-fields.ts spreads them in): what each compares and whether a change
// needs a new container. Only pids_limit and memory_swap can change in place (`docker update`).
import type { CanonicalEnv } from '../fields/canonical-env.js';
import type { EnvField } from './env-fields.js';
import {
  formatGpus,
  formatHealthcheck,
  formatMemSwap,
  formatPidsLimit,
  formatStopGracePeriod,
  formatUlimits,
} from '../fields/present/format-lab-value.js';
import { formatList, formatMap, formatOptional } from '../fields/present/format-value.js';

function recreate(field: string, value: (env: CanonicalEnv) => unknown, show: (env: CanonicalEnv) => string): EnvField {
  return { field, value, show, forcesRecreate: () => true, hashed: true };
}

export const LAB_ENV_FIELDS: readonly EnvField[] = [
  recreate('gpus', (e) => e.gpus, (e) => formatGpus(e.gpus)),
  recreate('runtime', (e) => e.runtime, (e) => e.runtime),
  recreate('ulimits', (e) => e.ulimits, (e) => formatUlimits(e.ulimits)),
  recreate('devices', (e) => e.devices, (e) => formatList(e.devices)),
  recreate('cap_add', (e) => e.capAdd, (e) => formatList(e.capAdd)),
  recreate('cap_drop', (e) => e.capDrop, (e) => formatList(e.capDrop)),
  recreate('privileged', (e) => e.privileged, (e) => String(e.privileged)),
  recreate('init', (e) => e.init, (e) => String(e.init)),
  recreate('stop_signal', (e) => e.stopSignal, (e) => formatOptional(e.stopSignal)),
  recreate('stop_grace_period', (e) => e.stopGracePeriodSeconds, (e) => formatStopGracePeriod(e.stopGracePeriodSeconds)),
  recreate('group_add', (e) => e.groupAdd, (e) => formatList(e.groupAdd)),
  recreate('security_opt', (e) => e.securityOpt, (e) => formatList(e.securityOpt)),
  recreate('sysctls', (e) => e.sysctls, (e) => formatMap(e.sysctls)),
  recreate('expose', (e) => e.expose, (e) => formatList(e.expose)),
  recreate('dns_search', (e) => e.dnsSearch, (e) => formatList(e.dnsSearch)),
  recreate('healthcheck', (e) => e.healthcheck, (e) => formatHealthcheck(e.healthcheck)),
  // docker update sets both; "unlimited" is sent as -1 (pids) and the engine's default swap as twice the memory.
  { field: 'pids_limit', value: (e) => e.pidsLimit, show: (e) => formatPidsLimit(e.pidsLimit), forcesRecreate: () => false, hashed: false },
  { field: 'memory_swap', value: (e) => e.memSwapBytes, show: (e) => formatMemSwap(e.memSwapBytes), forcesRecreate: () => false, hashed: false },
];
