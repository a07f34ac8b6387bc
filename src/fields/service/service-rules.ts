// Small helpers the fields' Swarm service mappings share: the container spec of a service spec, reading what the
// engine left out as empty, and telling a mapping from a refusal.
import type { ServiceMapping, ServiceRefusal, ServiceRule } from '../field.js';
import type { ContainerSpecJson, ServiceSpecJson } from '../service-json.js';
import { byString } from '../read-raw.js';

/** The task template's container spec (every field writes and reads its part there). */
export const containerSpec = (spec: ServiceSpecJson): ContainerSpecJson => spec.TaskTemplate.ContainerSpec;

/** A refusal: `how` says how to get the same on a service (validate shows it as the hint). */
export const refuse = (how: string): ServiceRefusal => ({ refuse: how });

export function isRefusal<V>(rule: ServiceRule<V>): rule is ServiceRefusal {
  return 'refuse' in rule;
}

export function isMapping<V>(rule: ServiceRule<V>): rule is ServiceMapping<V> {
  return !('refuse' in rule);
}

/** A list the engine leaves out when empty, sorted (a set). */
export const sortedList = (list: readonly string[] | undefined): string[] => [...(list ?? [])].sort(byString);

/** A string the engine leaves out when empty: null (the image's default). */
export const orNull = (text: string | undefined): string | null => (text === undefined || text === '' ? null : text);

/** Where shm_size goes on a service: a tmpfs of that size mounted over the task's /dev/shm. */
export const SHM_PATH = '/dev/shm';

export const isShmMount = (m: { Type?: string; Target?: string }): boolean => m.Type === 'tmpfs' && m.Target === SHM_PATH;
