// Every field of an environment, and what keeps its values within what the engine can hold: a check run at validate,
// or (a string) where else that is decided. TypeScript makes the table name every field of the schema.
import type { RawEnvironment } from './schema.js';
import { fail } from '../fields/values/parse-result.js';
import { DOCKER_NAME, withoutControlChars } from '../fields/values/check-text.js';
import {
  argumentWords,
  eachString,
  entryNames,
  groups,
  hostname,
  isObj,
  networkMode,
  printableWord,
  searchDomains,
  sysctls,
  user,
  type ValueCheck,
} from '../fields/values/value-checks.js';

/** The signal names the engine knows (moby's Linux signal map), without "SIG"; numbers 1-64 are signals too. */
const SIGNALS = new Set([
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF', 'PWR',
  'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'USR1', 'USR2', 'VTALRM', 'WINCH',
  'XCPU', 'XFSZ', 'RTMIN', 'RTMAX',
  ...Array.from({ length: 15 }, (_, i) => `RTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `RTMAX-${i + 1}`),
]);

const stopSignal: ValueCheck = (value, path, report) => {
  if (typeof value !== 'string' && typeof value !== 'number') return;
  const clean = withoutControlChars(String(value), 'stop_signal');
  if (!clean.ok) return report(path, clean);
  const text = String(value).trim();
  const name = text.toUpperCase().replace(/^SIG/, '');
  const number = /^[0-9]+$/.test(text) ? Number(text) : null;
  if (number !== null ? number >= 1 && number <= 64 : SIGNALS.has(name)) return;
  report(path, fail(`stop_signal "${text}" is not a signal the engine knows`, 'a name such as SIGINT, SIGTERM, SIGUSR1, SIGRTMIN+3, or a number from 1 to 64'));
};

/** GPU device ids, capabilities and driver: single words (the engine joins ids with ","). */
const gpus: ValueCheck = (value, path, report) => {
  const word = /^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/;
  const ids = (list: unknown, at: (string | number)[]) =>
    eachString(list, at, (text, p) => {
      if (!word.test(text.trim())) report(p, fail(`GPU id ${JSON.stringify(text)} is not a device id`, 'an index such as 0 or a UUID such as GPU-1a2b…'));
    });
  if (Array.isArray(value)) return ids(value, path);
  if (!isObj(value)) return;
  ids(value.device_ids, [...path, 'device_ids']);
  printableWord('GPU capability', /^[a-z0-9_]+$/, 'e.g. gpu, compute, utility')(value.capabilities, [...path, 'capabilities'], report);
  printableWord('GPU driver', DOCKER_NAME, 'e.g. nvidia')(value.driver, [...path, 'driver'], report);
};

const build: ValueCheck = (value, path, report) => {
  if (!isObj(value)) return;
  entryNames('build argument')(value.args, [...path, 'args'], report);
  printableWord('build target', /^[a-zA-Z][a-zA-Z0-9_.-]*$/, 'the name of a stage in the Dockerfile (FROM … AS <name>)')(value.target, [...path, 'target'], report);
};

const healthcheck: ValueCheck = (value, path, report) => {
  if (isObj(value)) argumentWords('a healthcheck test word')(value.test, [...path, 'test'], report);
};

const runtime = printableWord('runtime', /^$|^\s*[a-zA-Z0-9][a-zA-Z0-9_.-]*\s*$/, 'the name of a runtime the engine has, e.g. runc or nvidia');
const securityOpt = printableWord('security_opt', /^[a-z][a-z-]*([=:].*)?$/, 'e.g. no-new-privileges, seccomp=unconfined, apparmor=<profile>, label=disable');

type EnvironmentField = keyof RawEnvironment;

export const ENVIRONMENT_FIELD_CHECKS: { [K in EnvironmentField]-?: ValueCheck | string } = {
  image: 'normalize: parse-image.ts (Docker reference grammar)',
  container_name: 'schema: Docker name pattern',
  command: argumentWords('a command word'),
  entrypoint: argumentWords('an entrypoint word'),
  environment: entryNames('environment variable', { noNulInValues: true }),
  env_file: 'read by envctl on this machine (parse-dotenv.ts checks names and values)',
  working_dir: 'normalize: check-text.ts checkContainerPath (absolute, no control character, cleaned like the engine)',
  user,
  hostname,
  ports: 'normalize: parse-port.ts (numbers, IPs, ranges) and check-host-ports.ts (count limit, clashes)',
  volumes: 'normalize: parse-volume.ts (names of 2-255 characters, absolute targets, no ":" or control character in paths, sizes)',
  shm_size: 'normalize: parse-size.ts (at least 1 byte, at most 2^53 - 1)',
  ipc: 'schema: pattern (container:<Docker name>)',
  restart: 'schema: pattern; parse-restart.ts bounds N',
  labels: entryNames('label'),
  state: 'schema: enum',
  tty: 'schema: boolean',
  stdin_open: 'schema: boolean',
  network_mode: networkMode,
  dns: 'normalize: IP addresses (check-text.ts parseIpAddress)',
  extra_hosts: 'normalize: host names (check-text.ts isDnsName) and IP addresses',
  mem_limit: 'normalize: parse-size.ts (0 or at least the engine’s 6m)',
  cpus: 'normalize: parse-cpus.ts (0.01 to 8192, in billionths)',
  cpuset: 'normalize: parse-cpuset.ts (CPU numbers up to the engine’s 8192)',
  gpus,
  runtime,
  ulimits: 'normalize: parse-ulimits.ts (known names, -1 to 2^53 - 1)',
  ssh: 'features/ssh/normalize-ssh.ts (user name, key lines on one line, host_ip without zone)',
  on_recreate: 'schema: enum',
  ignore_changes: 'path globs matched by envctl only, never sent to the engine',
  build,
  pull_policy: 'schema: enum',
  init: 'schema: boolean',
  stop_signal: stopSignal,
  stop_grace_period: 'normalize: parse-duration.ts (whole seconds, at most the engine’s 2^63 ns)',
  healthcheck,
  cap_add: 'normalize: parse-capability.ts (Linux capability names)',
  cap_drop: 'normalize: parse-capability.ts (Linux capability names)',
  devices: 'normalize: parse-device.ts (absolute paths, rwm)',
  privileged: 'schema: boolean',
  security_opt: securityOpt,
  group_add: groups,
  sysctls,
  tmpfs: 'normalize: parse-tmpfs.ts (absolute path, size= only)',
  expose: 'normalize: parse-expose.ts (1-65535)',
  dns_search: searchDomains,
  pids_limit: 'schema: -1 to the kernel’s 4194304',
  memory_swap: 'normalize: parse-size.ts and normalize-lab-fields.ts (-1, or at least mem_limit)',
  host: 'normalize: must name an entry of `hosts:`',
};

/** The checks for one environment (or `defaults`) object. */
export function checkEnvironmentValues(obj: Record<string, unknown>, path: (string | number)[], report: Parameters<ValueCheck>[2], skip: (path: (string | number)[]) => boolean): void {
  for (const [field, check] of Object.entries(ENVIRONMENT_FIELD_CHECKS)) {
    if (typeof check === 'string' || !(field in obj)) continue;
    const at = [...path, field];
    if (!skip(at)) check(obj[field], at, report);
  }
}
