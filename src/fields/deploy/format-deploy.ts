// `deploy:` for people: one line per part as Compose names it (what a plan lists when parts change), a short summary,
// and the spec keys a person would write for a canonical value (everything at Swarm's default left out).
import { SWARM_DEFAULTS, type Deploy, type UpdatePolicy } from '../canonical-env.js';
import { formatCpus, formatMap, formatSize } from '../present/format-value.js';
import { specSize } from '../present/spec-values.js';
import { formatDuration } from '../values/parse-duration.js';

const list = (items: readonly string[]): string => (items.length === 0 ? '[]' : `[${items.join(', ')}]`);
const cpus = (nano: number): string => (nano === 0 ? 'none' : formatCpus(nano / 1e9));
const bytes = (n: number): string => (n === 0 ? 'none' : formatSize(n));

function policyEntries(prefix: string, p: UpdatePolicy): [string, string][] {
  return [
    [`${prefix}.parallelism`, String(p.parallelism)],
    [`${prefix}.delay`, formatDuration(p.delayNs)],
    [`${prefix}.failure_action`, p.failureAction],
    [`${prefix}.monitor`, formatDuration(p.monitorNs)],
    [`${prefix}.max_failure_ratio`, String(p.maxFailureRatio)],
    [`${prefix}.order`, p.order],
  ];
}

/** Every part, under its Compose path, as a person reads it. */
export function deployEntries(d: Deploy): [string, string][] {
  return [
    ['deploy.mode', d.mode],
    ['deploy.replicas', d.mode === 'global' ? 'one per node' : String(d.replicas)],
    ['deploy.endpoint_mode', d.endpointMode],
    ['deploy.labels', formatMap(d.labels)],
    ['deploy.placement.constraints', list(d.constraints)],
    ['deploy.placement.preferences', list(d.preferences.map((p) => `spread ${p}`))],
    ['deploy.placement.max_replicas_per_node', d.maxReplicasPerNode === 0 ? 'no limit' : String(d.maxReplicasPerNode)],
    ['deploy.resources.limits.cpus', cpus(d.limits.nanoCpus)],
    ['deploy.resources.limits.memory', bytes(d.limits.memoryBytes)],
    ['deploy.resources.limits.pids', d.limits.pids === 0 ? 'none' : String(d.limits.pids)],
    ['deploy.resources.reservations.cpus', cpus(d.reservations.nanoCpus)],
    ['deploy.resources.reservations.memory', bytes(d.reservations.memoryBytes)],
    ['deploy.resources.reservations.generic_resources', list(d.reservations.genericResources.map((g) => `${g.kind}=${g.value}`))],
    ['deploy.restart_policy.condition', d.restartPolicy.condition],
    ['deploy.restart_policy.delay', formatDuration(d.restartPolicy.delayNs)],
    ['deploy.restart_policy.max_attempts', String(d.restartPolicy.maxAttempts)],
    ['deploy.restart_policy.window', formatDuration(d.restartPolicy.windowNs)],
    ...policyEntries('deploy.update_config', d.updateConfig),
    ...policyEntries('deploy.rollback_config', d.rollbackConfig),
  ];
}

/** "replicated ×3" / "global" / "none" (a container). */
export function formatDeploy(d: Deploy | null): string {
  if (d === null) return 'none (a container)';
  return d.mode === 'global' ? 'global' : `replicated ×${d.replicas}`;
}

/** One line per part that differs; becoming or ceasing to be a service is one line. */
export function deployDetails(from: Deploy | null, to: Deploy | null): { field: string; from: string; to: string }[] {
  if (from === null || to === null) return [{ field: 'deploy', from: formatDeploy(from), to: formatDeploy(to) }];
  const before = new Map(deployEntries(from));
  return deployEntries(to).flatMap(([field, value]) => (before.get(field) === value ? [] : [{ field, from: before.get(field) ?? '', to: value }]));
}

function specPolicy(p: UpdatePolicy): Record<string, unknown> {
  const d = SWARM_DEFAULTS.updatePolicy;
  const out: Record<string, unknown> = {};
  if (p.parallelism !== d.parallelism) out.parallelism = p.parallelism;
  if (p.delayNs !== d.delayNs) out.delay = formatDuration(p.delayNs);
  if (p.failureAction !== d.failureAction) out.failure_action = p.failureAction;
  if (p.monitorNs !== d.monitorNs) out.monitor = formatDuration(p.monitorNs);
  if (p.maxFailureRatio !== d.maxFailureRatio) out.max_failure_ratio = p.maxFailureRatio;
  if (p.order !== d.order) out.order = p.order;
  return out;
}

const nonEmpty = (obj: Record<string, unknown>): boolean => Object.keys(obj).length > 0;

/** The `deploy:` keys a person writes for this value: Compose's names, Swarm's defaults left out. */
export function specDeploy(d: Deploy): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (d.mode === 'global') out.mode = 'global';
  else if (d.replicas !== 1) out.replicas = d.replicas;
  if (d.endpointMode !== 'vip') out.endpoint_mode = d.endpointMode;
  if (nonEmpty(d.labels)) out.labels = { ...d.labels };
  const placement: Record<string, unknown> = {};
  if (d.constraints.length > 0) placement.constraints = [...d.constraints];
  if (d.preferences.length > 0) placement.preferences = d.preferences.map((spread) => ({ spread }));
  if (d.maxReplicasPerNode > 0) placement.max_replicas_per_node = d.maxReplicasPerNode;
  if (nonEmpty(placement)) out.placement = placement;
  const limits: Record<string, unknown> = {};
  if (d.limits.nanoCpus > 0) limits.cpus = String(d.limits.nanoCpus / 1e9);
  if (d.limits.memoryBytes > 0) limits.memory = specSize(d.limits.memoryBytes);
  if (d.limits.pids > 0) limits.pids = d.limits.pids;
  const reservations: Record<string, unknown> = {};
  if (d.reservations.nanoCpus > 0) reservations.cpus = String(d.reservations.nanoCpus / 1e9);
  if (d.reservations.memoryBytes > 0) reservations.memory = specSize(d.reservations.memoryBytes);
  if (d.reservations.genericResources.length > 0) {
    reservations.generic_resources = d.reservations.genericResources.map((g) => ({ discrete_resource_spec: { kind: g.kind, value: g.value } }));
  }
  const resources = { ...(nonEmpty(limits) ? { limits } : {}), ...(nonEmpty(reservations) ? { reservations } : {}) };
  if (nonEmpty(resources)) out.resources = resources;
  const r = d.restartPolicy;
  const dr = SWARM_DEFAULTS.restartPolicy;
  const restart: Record<string, unknown> = {};
  if (r.condition !== dr.condition) restart.condition = r.condition;
  if (r.delayNs !== dr.delayNs) restart.delay = formatDuration(r.delayNs);
  if (r.maxAttempts !== dr.maxAttempts) restart.max_attempts = r.maxAttempts;
  if (r.windowNs !== dr.windowNs) restart.window = formatDuration(r.windowNs);
  if (nonEmpty(restart)) out.restart_policy = restart;
  const update = specPolicy(d.updateConfig);
  if (nonEmpty(update)) out.update_config = update;
  const rollback = specPolicy(d.rollbackConfig);
  if (nonEmpty(rollback)) out.rollback_config = rollback;
  return out;
}
