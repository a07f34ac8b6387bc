// The field table: every environment field envctl manages, in the order plans list changes. A new field is one file
// in table/ and one line here.
import { deploy } from './deploy/deploy-field.js';
import { ssh } from './ssh/ssh-field.js';
import { capAdd, capDrop } from './table/capabilities.js';
import { command } from './table/command.js';
import { containerName } from './table/container-name.js';
import { cpus } from './table/cpus.js';
import { cpuset } from './table/cpuset.js';
import { devices } from './table/devices.js';
import { dnsSearch } from './table/dns-search.js';
import { dns } from './table/dns.js';
import { entrypoint } from './table/entrypoint.js';
import { environment } from './table/environment.js';
import { expose } from './table/expose.js';
import { extraHosts } from './table/extra-hosts.js';
import { gpus } from './table/gpus.js';
import { groupAdd } from './table/group-add.js';
import { healthcheck } from './table/healthcheck.js';
import { hostname } from './table/hostname.js';
import { image } from './table/image.js';
import { init } from './table/init.js';
import { ipc } from './table/ipc.js';
import { labels } from './table/labels.js';
import { memLimit } from './table/mem-limit.js';
import { memorySwap } from './table/memory-swap.js';
import { networkMode } from './table/network-mode.js';
import { pidsLimit } from './table/pids-limit.js';
import { ports } from './table/ports.js';
import { privileged } from './table/privileged.js';
import { readOnly } from './table/read-only.js';
import { restart } from './table/restart.js';
import { runtime } from './table/runtime.js';
import { securityOpt } from './table/security-opt.js';
import { shmSize } from './table/shm-size.js';
import { stdinOpen } from './table/stdin-open.js';
import { stopGracePeriod } from './table/stop-grace-period.js';
import { stopSignal } from './table/stop-signal.js';
import { sysctls } from './table/sysctls.js';
import { tty } from './table/tty.js';
import { ulimits } from './table/ulimits.js';
import { user } from './table/user.js';
import { volumes } from './table/volumes.js';
import { workingDir } from './table/working-dir.js';

/**
 * Order matters twice: it is the order a plan lists field changes in, and normalize fills fields in this order, so a
 * field may read the fields before it (`expose` the ports, `memory_swap` the memory limit, `ssh` the network mode).
 */
export const FIELDS = [
  // First: whether the environment is a Swarm service is what the fields after it read (ports, the refusals).
  deploy,
  image,
  command,
  entrypoint,
  environment,
  workingDir,
  user,
  hostname,
  ports,
  volumes,
  shmSize,
  ipc,
  labels,
  tty,
  stdinOpen,
  networkMode,
  dns,
  extraHosts,
  ssh,
  restart,
  cpus,
  memLimit,
  cpuset,
  gpus,
  runtime,
  ulimits,
  devices,
  capAdd,
  capDrop,
  privileged,
  init,
  readOnly,
  stopSignal,
  stopGracePeriod,
  groupAdd,
  securityOpt,
  sysctls,
  expose,
  dnsSearch,
  healthcheck,
  pidsLimit,
  memorySwap,
  containerName,
] as const;
