// The one table of managed environment fields: spec-facing name, comparable value, rendering, and whether a change
// forces a recreate. diff-env and config-hash both read it, so "what forces a recreate" is decided in one place.
import type { CanonicalEnv } from '../fields/canonical-env.js';
import { LAB_ENV_FIELDS } from './lab-env-fields.js';
import { formatSsh } from '../fields/ssh/format-ssh.js';
import {
  formatCpus,
  formatCpuset,
  formatList,
  formatMap,
  formatMemLimit,
  formatMount,
  formatOptional,
  formatOptionalList,
  formatPort,
  formatRestart,
  formatSize,
} from '../fields/present/format-value.js';

export interface EnvField {
  /** Spec-facing name (the YAML key), e.g. 'shm_size'. */
  field: string;
  /** A value that compares with stringifySorted; sets are sorted so order never counts as a change. */
  value(env: CanonicalEnv): unknown;
  /** Human rendering; never used for `environment` (values may be secrets). */
  show(env: CanonicalEnv): string;
  /**
   * Whether changing from `current` to `desired` needs a new container. In-place fields (docker update, rename) say
   * false except where docker update cannot express the change.
   */
  forcesRecreate(current: CanonicalEnv, desired: CanonicalEnv): boolean;
  /** Part of the spec hash: true exactly for the fields that always force a recreate. */
  hashed: boolean;
}

const always = (): boolean => true;
const never = (): boolean => false;

const sortedStrings = (items: readonly string[]): string[] => [...items].sort();

function recreateField(field: string, value: (env: CanonicalEnv) => unknown, show: (env: CanonicalEnv) => string): EnvField {
  return { field, value, show, forcesRecreate: always, hashed: true };
}

export const ENV_FIELDS: readonly EnvField[] = [
  recreateField('image', (e) => e.image, (e) => e.image),
  recreateField('command', (e) => e.command, (e) => formatOptionalList(e.command)),
  recreateField('entrypoint', (e) => e.entrypoint, (e) => formatOptionalList(e.entrypoint)),
  recreateField('environment', (e) => e.environment, () => ''),
  recreateField('working_dir', (e) => e.workingDir, (e) => formatOptional(e.workingDir)),
  recreateField('user', (e) => e.user, (e) => formatOptional(e.user)),
  recreateField('hostname', (e) => e.hostname, (e) => formatOptional(e.hostname)),
  recreateField(
    'ports',
    (e) => sortedStrings(e.ports.map(formatPort)),
    (e) => formatList(sortedStrings(e.ports.map(formatPort))),
  ),
  recreateField(
    'volumes',
    (e) => sortedStrings(e.mounts.map(formatMount)),
    (e) => formatList(sortedStrings(e.mounts.map(formatMount))),
  ),
  recreateField('shm_size', (e) => e.shmSizeBytes, (e) => formatSize(e.shmSizeBytes)),
  recreateField('ipc', (e) => e.ipc, (e) => e.ipc),
  recreateField('labels', (e) => e.labels, (e) => formatMap(e.labels)),
  recreateField('tty', (e) => e.tty, (e) => String(e.tty)),
  recreateField('stdin_open', (e) => e.stdinOpen, (e) => String(e.stdinOpen)),
  recreateField('network_mode', (e) => e.networkMode, (e) => e.networkMode),
  // Resolver order matters, so dns is compared as a list, not a set.
  recreateField('dns', (e) => e.dns, (e) => formatList(e.dns)),
  recreateField('extra_hosts', (e) => sortedStrings(e.extraHosts), (e) => formatList(sortedStrings(e.extraHosts))),
  // The wrapper, the port and the keys are fixed at create (keys live in a label), so any change needs a new container.
  recreateField('ssh', (e) => e.ssh, (e) => formatSsh(e.ssh)),
  { field: 'restart', value: (e) => e.restart, show: (e) => formatRestart(e.restart), forcesRecreate: never, hashed: false },
  // docker update can change a limit but cannot unset one, so going back to "unlimited" needs a new container.
  {
    field: 'cpus',
    value: (e) => e.cpus,
    show: (e) => formatCpus(e.cpus),
    forcesRecreate: (current, desired) => desired.cpus === 0 && current.cpus !== 0,
    hashed: false,
  },
  {
    field: 'mem_limit',
    value: (e) => e.memLimitBytes,
    show: (e) => formatMemLimit(e.memLimitBytes),
    forcesRecreate: (current, desired) => desired.memLimitBytes === 0 && current.memLimitBytes !== 0,
    hashed: false,
  },
  {
    field: 'cpuset',
    value: (e) => e.cpuset,
    show: (e) => formatCpuset(e.cpuset),
    forcesRecreate: (current, desired) => desired.cpuset === '' && current.cpuset !== '',
    hashed: false,
  },
  ...LAB_ENV_FIELDS,
  { field: 'container_name', value: (e) => e.containerName, show: (e) => e.containerName, forcesRecreate: never, hashed: false },
];
