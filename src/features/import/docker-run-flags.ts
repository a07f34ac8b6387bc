// The `docker run` flags envctl import knows: which take a value, their short forms and aliases, and what each means
// for a spec. Flags that map onto a field are declared by that field (src/fields/table/); the ones listed here leave
// nothing lasting, or ask for something the spec cannot express.
import type { FlagMapping } from '../../fields/flag-mapping.js';
import { FIELDS } from '../../fields/registry.js';
import { cannot, makeFlagTable, none, type DockerFlag, type FlagTable } from './flag-table.js';

const ATTACH_ONLY = 'it only concerns the terminal attached to `docker run`; envctl runs containers in the background';

/** docker run's options (docker CLI 28) that no field maps, in `docker run --help` order. */
const OTHER_FLAGS: DockerFlag[] = [
  { name: 'annotation', takesValue: true, effect: cannot('the spec has no field for OCI annotations') },
  { name: 'attach', short: 'a', takesValue: true, effect: none(ATTACH_ONLY) },
  { name: 'blkio-weight', takesValue: true, effect: cannot('the spec has no block-IO weights') },
  { name: 'blkio-weight-device', takesValue: true, effect: cannot('the spec has no block-IO weights') },
  { name: 'cgroup-parent', takesValue: true, effect: cannot('the spec has no cgroup parent') },
  { name: 'cgroupns', takesValue: true, effect: cannot('the spec has no cgroup namespace setting') },
  { name: 'cidfile', takesValue: true, effect: none('the id file is written once by `docker run`; `docker ps --filter label=dev.envctl.project=…` finds envctl containers') },
  { name: 'cpu-count', takesValue: true, effect: cannot('Windows only; use --cpus') },
  { name: 'cpu-percent', takesValue: true, effect: cannot('Windows only; use --cpus') },
  { name: 'cpu-period', takesValue: true, effect: cannot('the spec sets CPU limits with `cpus` (write --cpus instead)') },
  { name: 'cpu-quota', takesValue: true, effect: cannot('the spec sets CPU limits with `cpus` (write --cpus instead)') },
  { name: 'cpu-rt-period', takesValue: true, effect: cannot('the spec has no real-time CPU settings') },
  { name: 'cpu-rt-runtime', takesValue: true, effect: cannot('the spec has no real-time CPU settings') },
  { name: 'cpu-shares', short: 'c', takesValue: true, effect: cannot('the spec has no CPU shares (relative weight)') },
  { name: 'cpuset-mems', takesValue: true, effect: cannot('the spec has no memory-node pinning') },
  { name: 'detach', short: 'd', takesValue: false, effect: { kind: 'none', note: 'envctl always runs containers in the background', silent: true } },
  { name: 'detach-keys', takesValue: true, effect: none(ATTACH_ONLY) },
  { name: 'device-cgroup-rule', takesValue: true, effect: cannot('the spec has no device cgroup rules') },
  { name: 'device-read-bps', takesValue: true, effect: cannot('the spec has no device IO limits') },
  { name: 'device-read-iops', takesValue: true, effect: cannot('the spec has no device IO limits') },
  { name: 'device-write-bps', takesValue: true, effect: cannot('the spec has no device IO limits') },
  { name: 'device-write-iops', takesValue: true, effect: cannot('the spec has no device IO limits') },
  { name: 'disable-content-trust', takesValue: false, effect: none('it only affects how `docker run` verifies the image it pulls') },
  { name: 'dns-option', takesValue: true, effect: cannot('the spec has no DNS options') },
  { name: 'domainname', takesValue: true, effect: cannot('the spec has no NIS domain name') },
  { name: 'help', takesValue: false, effect: cannot('it prints help instead of running a container') },
  { name: 'io-maxbandwidth', takesValue: true, effect: cannot('Windows only') },
  { name: 'io-maxiops', takesValue: true, effect: cannot('Windows only') },
  { name: 'ip', takesValue: true, effect: cannot('the spec has no fixed container IP address') },
  { name: 'ip6', takesValue: true, effect: cannot('the spec has no fixed container IP address') },
  { name: 'isolation', takesValue: true, effect: cannot('Windows only') },
  { name: 'kernel-memory', takesValue: true, effect: cannot('the spec has no kernel memory limit (deprecated by Docker)') },
  { name: 'link', takesValue: true, effect: cannot('the spec has no legacy container links; use a network') },
  { name: 'link-local-ip', takesValue: true, effect: cannot('the spec has no link-local addresses') },
  { name: 'log-driver', takesValue: true, effect: cannot('the spec has no logging settings') },
  { name: 'log-opt', takesValue: true, effect: cannot('the spec has no logging settings') },
  { name: 'mac-address', takesValue: true, effect: cannot('the spec has no MAC address') },
  { name: 'memory-reservation', takesValue: true, effect: cannot('the spec has no memory reservation (soft limit)') },
  { name: 'memory-swappiness', takesValue: true, effect: cannot('the spec has no memory swappiness') },
  { name: 'network-alias', takesValue: true, effect: cannot('the spec has no network aliases') },
  { name: 'oom-kill-disable', takesValue: false, effect: cannot('the spec has no OOM-killer setting') },
  { name: 'oom-score-adj', takesValue: true, effect: cannot('the spec has no OOM score') },
  { name: 'pid', takesValue: true, effect: cannot('the spec has no PID namespace setting') },
  { name: 'platform', takesValue: true, effect: cannot('the spec has no platform; name a platform-specific image tag or digest') },
  { name: 'publish-all', short: 'P', takesValue: false, effect: cannot('the spec publishes each port explicitly; list them with -p') },
  { name: 'quiet', short: 'q', takesValue: false, effect: none('it only silences the pull output of `docker run`') },
  { name: 'sig-proxy', takesValue: false, effect: none(ATTACH_ONLY) },
  { name: 'storage-opt', takesValue: true, effect: cannot('the spec has no storage-driver options') },
  { name: 'use-api-socket', takesValue: false, effect: cannot('the spec has no Docker API socket mount; bind-mount the socket explicitly with -v') },
  { name: 'userns', takesValue: true, effect: cannot('the spec has no user-namespace setting') },
  { name: 'uts', takesValue: true, effect: cannot('the spec has no UTS namespace setting') },
  { name: 'volume-driver', takesValue: true, effect: cannot('the spec has no per-container volume driver; declare the volume under top-level `volumes:`') },
  { name: 'volumes-from', takesValue: true, effect: cannot('the spec has no volumes-from; mount the same named volumes instead') },
];

/** Older spellings docker still accepts. */
const ALIASES: Record<string, string> = { net: 'network', 'net-alias': 'network-alias', 'dns-opt': 'dns-option' };

/** Flags that set what is not container config (where the image comes from) or leave a note, like a field's do. */
const SETTING_FLAGS: FlagMapping[] = [
  {
    name: 'pull',
    takesValue: true,
    // `missing` is what apply does anyway; anything else is a pull policy.
    apply: (d) => (d.value === 'missing' ? d.note(`${d.written}: what envctl apply does anyway (pulls a missing image)`) : d.set('pull_policy', d.value)),
  },
  {
    name: 'rm',
    takesValue: false,
    apply: (d) => {
      if (d.on) {
        d.note(`${d.written}: no lasting meaning here; docker removed the container when it stopped, an envctl environment stays until you delete it from the spec and apply`);
      }
    },
  },
];

/** Every flag a field of the table maps, then the others; the flags --name and -e of a line are fields too. */
export const RUN_FLAGS: FlagTable = makeFlagTable('docker run', OTHER_FLAGS, [...FIELDS.flatMap((f) => f.import.flags), ...SETTING_FLAGS], ALIASES);

/** Flags listed here although a field maps them: must stay empty (tested). */
export const SHADOWED_FLAGS: readonly string[] = RUN_FLAGS.shadowed;
