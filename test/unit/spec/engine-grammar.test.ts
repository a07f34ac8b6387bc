// Values the engine cannot hold — control characters, malformed names, numbers past its limits — are rejected at
// validate, each at its own file:line:col with a sentence and a hint; the boundary values just inside are accepted.
import { describe, expect, test } from 'vitest';
import { ENVIRONMENT_FIELD_CHECKS } from '../../../src/spec/environment-field-checks.js';
import { EnvironmentSchema } from '../../../src/spec/schema.js';
import { load, problems } from './write-spec-file.js';

/** The problems of a spec whose one environment has `image: x` and this field line (line 4). */
const withField = (line: string) => problems(`environments:\n  box:\n    image: x\n    ${line}\n`);

describe('injection: control characters and malformed names never reach the engine', () => {
  test.each([
    ['dns_search: ["lab.internal\\nnameserver 6.6.6.6"]', '4:18: dns_search domain "lab.internal\\nnameserver 6.6.6.6" contains a newline (write it on one line, without control characters)'],
    ['dns_search: "a b"', '4:17: dns_search "a b" is not a domain name (e.g. lab.example.com: letters, digits and hyphens in dot-separated parts)'],
    ['hostname: "a\\nb"', '4:15: hostname "a\\nb" contains a newline (write it on one line, without control characters)'],
    ['hostname: "box-"', '4:15: hostname "box-" is not a host name (letters, digits, _ and inner hyphens, in dot-separated parts of at most 63 characters; at most 64 in all, the kernel’s limit)'],
    [`hostname: ${'a'.repeat(65)}`, `4:15: hostname "${'a'.repeat(40)}…" (65 characters) is not a host name (letters, digits, _ and inner hyphens, in dot-separated parts of at most 63 characters; at most 64 in all, the kernel’s limit)`],
    ['environment: {"A=B": c}', '4:19: environment variable "A=B" contains "=" (the engine stores KEY=value: the name ends at the first "=")'],
    ['environment: {"A B": c}', '4:19: environment variable "A B" contains white space (a name is one word, without spaces)'],
    ['environment: {"x\\ny": c}', '4:19: environment variable "x\\ny" contains a newline (a name is one word of printable characters)'],
    ['environment: ["A B=c"]', '4:19: environment variable "A B" contains white space (a name is one word, without spaces)'],
    // The value may be a secret: the message names the variable, never the value.
    ['environment: {TOKEN: "s3cr3t\\0x"}', '4:19: the value of environment variable `TOKEN` contains a NUL byte, which the engine cannot pass on (remove the \\0 escape)'],
    ['labels: {"a=b": c}', '4:14: label "a=b" contains "=" (the engine stores KEY=value: the name ends at the first "=")'],
    ['labels: {"\\u001b[31m": red}', '4:14: label "\\u001b[31m" contains the control character U+001B (a name is one word of printable characters)'],
    ['extra_hosts: ["a b:1.2.3.4"]', '4:19: extra_hosts: "a b" is not a host name (write "host:ip", e.g. "db:10.0.0.5")'],
    ['extra_hosts: ["db:10.0.0.5%eth0"]', '4:19: extra_hosts: "10.0.0.5%eth0" is neither an IP address nor host-gateway (write "host:ip", e.g. "db:10.0.0.5")'],
    ['dns: ["fe80::1%eth0"]', '4:11: dns server "fe80::1%eth0" is not an IP address'],
    ['user: "a:b:c"', '4:11: user "a:b:c" is not user[:group] (e.g. "1000:1000", "alice" or "alice:staff")'],
    ['user: "root\\n"', '4:11: user "root\\n" contains a newline (write it on one line, without control characters)'],
    ['user: "1000:2147483648"', '4:11: user id must be at most 2147483647 (the runtime’s largest id), found 2147483648 (e.g. "1000:1000", "alice" or "alice:staff")'],
    ['group_add: [2147483648]', '4:17: group id must be at most 2147483647 (the runtime’s largest id), found 2147483648'],
    ['working_dir: "/a\\nb"', '4:18: working_dir "/a\\nb" contains a newline'],
    ['volumes: ["v1:/data\\nx"]', '4:15: mount target "/data\\nx" contains a newline'],
    [`volumes: ["${'v'.repeat(256)}:/data"]`, `4:15: "${'v'.repeat(40)}…" (256 characters) is not a volume name (2 to 255 letters, digits, _ . -) nor a path (start a host path with /, ./ or ~/)`],
    ['ssh: {host_ip: "fe80::1%eth0", authorized_keys: ["ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGVudmN0bA"]}', '4:20: ssh: host_ip "fe80::1%eth0" is not an IP address (e.g. 127.0.0.1 to accept connections from this machine only)'],
    ['volumes: [{type: bind, source: "/a:b", target: /t}]', '4:15: bind source "/a:b" contains ":", which the engine reads as the separator of source:target:mode'],
    ['tmpfs: ["/run\\n"]', '4:13: tmpfs "/run\\n" contains a newline (e.g. "/run" or "/run:size=64m")'],
    ['devices: ["/dev/fuse\\n"]', '4:15: device "/dev/fuse\\n" contains a newline (write "/dev/HOST[:/dev/CONTAINER][:rwm]")'],
    ['stop_signal: SIGFOO', '4:18: stop_signal "SIGFOO" is not a signal the engine knows (a name such as SIGINT, SIGTERM, SIGUSR1, SIGRTMIN+3, or a number from 1 to 64)'],
    ['stop_signal: "65"', '4:18: stop_signal "65" is not a signal the engine knows (a name such as SIGINT, SIGTERM, SIGUSR1, SIGRTMIN+3, or a number from 1 to 64)'],
    ['stop_signal: "SIGINT\\n"', '4:18: stop_signal "SIGINT\\n" contains a newline (write it on one line, without control characters)'],
    ['cap_add: [SYS_PTRAC]', '4:15: "SYS_PTRAC" is not a Linux capability (did you mean `CAP_SYS_PTRACE`?)'],
    ['cap_drop: ["NET_RAW\\n"]', '4:16: capability "NET_RAW\\n" contains a newline (e.g. SYS_PTRACE or NET_ADMIN)'],
    ['sysctls: {"net.core x": 1}', '4:15: sysctl name "net.core x" contains white space (a name is one word, without spaces)'],
    ['sysctls: {net.core.somaxconn: "1\\n2"}', '4:15: the value of sysctl `net.core.somaxconn` "1\\n2" contains a newline (write it on one line, without control characters)'],
    ['runtime: "nvidia runc"', '4:14: runtime "nvidia runc" is not valid (the name of a runtime the engine has, e.g. runc or nvidia)'],
    ['network_mode: "my net"', '4:19: network_mode "my net" is not a network mode (bridge, host, none, container:<name>, or a network name: letters, digits, _ . -)'],
    ['ipc: "container:a\\nb"', '4:10: `ipc` must be one of: private, shareable, host, none, container:<name>, found a string'],
    ['security_opt: ["label=disable\\nx"]', '4:20: security_opt "label=disable\\nx" contains a newline (write it on one line, without control characters)'],
    ['gpus: ["0\\n1"]', '4:12: GPU id "0\\n1" is not a device id (an index such as 0 or a UUID such as GPU-1a2b…)'],
    ['gpus: {capabilities: ["gpu,compute"]}', '4:27: GPU capability "gpu,compute" is not valid (e.g. gpu, compute, utility)'],
    ['build: {context: ., args: {"A=B": c}}', '4:32: build argument "A=B" contains "=" (the engine stores KEY=value: the name ends at the first "=")'],
    ['build: {context: ., target: "dev\\n"}', '4:33: build target "dev\\n" contains a newline (write it on one line, without control characters)'],
    ['command: ["echo", "a\\0b"]', '4:23: a command word contains a NUL byte, which no program argument can hold (remove the \\0 escape)'],
    ['healthcheck: {test: ["CMD", "a\\0"]}', '4:33: a healthcheck test word contains a NUL byte, which no program argument can hold (remove the \\0 escape)'],
  ])('%s', async (line, expected) => {
    expect(await withField(line)).toEqual([`envctl.yaml:${expected}`]);
  });

  test('top-level names and texts too: volume drivers and options, engine names, descriptions', async () => {
    const found = await problems(
      [
        'volumes:', //                                                  1
        '  data: {driver: "lo cal", driver_opts: {"o=x": "a"}}', //    2
        '  logs: {labels: {"a b": c}}', //                              3
        'hosts:', //                                                    4
        '  "gpu 1": {docker_host: "ssh://a@gpu1"}', //                  5
        '  gpu2: {docker_host: "ssh://a@gpu2", description: "\\u001b[2J"}', // 6
        'environments:', //                                             7
        '  box: {image: x}', //                                         8
      ].join('\n'),
    );
    expect(found).toEqual([
      'envctl.yaml:2:18: volume driver "lo cal" contains white space (e.g. local)',
      'envctl.yaml:2:42: driver option "o=x" contains "=" (the engine stores KEY=value: the name ends at the first "=")',
      'envctl.yaml:3:19: label "a b" contains white space (a name is one word, without spaces)',
      'envctl.yaml:5:3: host name `gpu 1` must start with a letter or digit and contain only letters, digits, _ . -',
      'envctl.yaml:6:52: description "\\u001b[2J" contains the control character U+001B (write it on one line, without control characters)',
    ]);
  });
});

describe('image references follow Docker’s reference grammar', () => {
  const image = async (ref: string) => problems(`environments:\n  box:\n    image: ${JSON.stringify(ref)}\n`);
  test.each([
    ['../x', '"../x" is not an image reference: it is a path (to build an image from a folder, use `build:`)'],
    ['Ubuntu', '"Ubuntu" is not an image reference: repository names must be lowercase'],
    ['ubuntu:', '"ubuntu:" is not an image reference: the tag "" must be letters, digits, _ . - (at most 128, not starting with . or -)'],
    ['ubuntu:-x', '"ubuntu:-x" is not an image reference: the tag "-x" must be letters, digits, _ . - (at most 128, not starting with . or -)'],
    ['ubuntu@sha256:abc', '"ubuntu@sha256:abc" is not an image reference: "sha256:abc" is not a digest (algorithm:hex, e.g. sha256:…)'],
    ['a//b', '"a//b" is not an image reference: "" is not a name component (lowercase letters and digits, separated by . _ __ or -)'],
    ['-x', '"-x" is not an image reference: "-x" is not a name component (lowercase letters and digits, separated by . _ __ or -)'],
    ['x\ny', '"x\\ny" is not an image reference: it contains a newline'],
    ['a'.repeat(256), `"${'a'.repeat(40)}…" (256 characters) is not an image reference: the repository name is longer than 255 characters`],
    ['ab12'.repeat(16), `"${'ab12'.repeat(10)}…" (64 characters) is not an image reference: a 64-character hexadecimal string is an image id, not a name (write sha256:<id>)`],
  ])('%j is refused', async (ref, message) => {
    expect(await image(ref)).toEqual([`envctl.yaml:3:12: ${message} (e.g. ubuntu:24.04, ghcr.io/org/app:1.2 or localhost:5000/app@sha256:…)`]);
  });

  test.each([
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['[::1]:5000/team/app:1.2', '[::1]:5000/team/app:1.2'],
    ['Registry.Local:5000/team/app', 'Registry.Local:5000/team/app:latest'],
    ['a__b/c--d/e_f.g-h', 'a__b/c--d/e_f.g-h:latest'],
    [`sha256:${'ab12'.repeat(16)}`, `sha256:${'ab12'.repeat(16)}`],
    [`ghcr.io/org/app:1.2@sha256:${'ab12'.repeat(16)}`, `ghcr.io/org/app:1.2@sha256:${'ab12'.repeat(16)}`],
    [`app:${'t'.repeat(128)}`, `app:${'t'.repeat(128)}`],
  ])('%s is accepted as %s', async (ref, canonical) => {
    const state = await load(`environments:\n  box:\n    image: ${JSON.stringify(ref)}\n`);
    expect(state.environments[0]?.image).toBe(canonical);
  });
});

describe('numbers and sizes past the engine’s limits are refused with the limit named', () => {
  test.each([
    ['shm_size: 0', '4:15: shm_size must be at least 1 byte, found 0 (leave shm_size out for the engine’s default of 64m)'],
    ['shm_size: 99999999999g', '4:15: the size "99999999999g" is too large: at most 9007199254740991 bytes, about 8 PiB (e.g. "512m" or "32g")'],
    ['mem_limit: 5m', '4:16: mem_limit must be at least 6m (the engine’s minimum, 6291456 bytes), found "5m" (or 0 / leave it out for no limit)'],
    ['mem_limit: 99999999999g', '4:16: the size "99999999999g" is too large: at most 9007199254740991 bytes, about 8 PiB (e.g. "512m" or "32g")'],
    ['memory_swap: 99999999999g', '4:18: the size "99999999999g" is too large: at most 9007199254740991 bytes, about 8 PiB (e.g. "512m" or "32g")'],
    ['tmpfs: ["/t:size=99999999999g"]', '4:13: the size "99999999999g" is too large: at most 9007199254740991 bytes, about 8 PiB (e.g. "512m" or "32g")'],
    ['cpus: 1e308', '4:11: cpus must be at most 8192 (the most CPUs Linux supports), found 1e+308 (e.g. 8, 0.5 or 1.25; 0 = no limit)'],
    ['cpus: 0.001', '4:11: cpus must be at least 0.01 (the engine’s smallest CPU quota), found 0.001 (e.g. 8, 0.5 or 1.25; 0 = no limit)'],
    ['cpus: 0.1234567891', '4:11: cpus 0.1234567891 is too precise: the engine counts billionths of a CPU (e.g. 8, 0.5 or 1.25; 0 = no limit)'],
    ['cpuset: 0-99999', '4:13: cpuset "0-99999": CPU 99999 is above 8192, the engine’s limit (e.g. "0-7" or "0,2,4")'],
    ['cpuset: "3-1"', '4:13: cpuset "3-1": the range 3-1 goes backwards (e.g. "0-7" or "0,2,4")'],
    ['pids_limit: 4194305', '4:17: `pids_limit` must be a whole number from -1 to 4194304 (the kernel’s limit; -1 or 0 = unlimited), found the number 4194305'],
    ['restart: on-failure:99999999999999999999', '4:14: "on-failure:99999999999999999999": at most 9007199254740991 retries (e.g. on-failure:5)'],
    ['ulimits: {nofile: 99999999999999999999}', '4:15: ulimit nofile: at most 9007199254740991 (use -1 for unlimited)'],
    ['stop_grace_period: 2562048h', '4:24: duration "2562048h" is too long: at most 2562047h (the engine’s limit, about 292 years) (e.g. "30s", "5m" or "2h")'],
    ['healthcheck: {timeout: 99999999999999999999s}', '4:28: duration "99999999999999999999s" is too long: at most 2562047h (the engine’s limit, about 292 years) (e.g. "30s", "5m" or "2h")'],
    ['healthcheck: {retries: 99999999999999999999}', '4:28: `retries` must be a whole number from 0 to 9007199254740991, found the number 100000000000000000000'],
    ['gpus: {count: 99999999999999999999}', '4:11: a GPU count of 100000000000000000000 is more than a machine has (at most 1024) (use `all` for every GPU of the machine)'],
    [
      'ports: ["1-65535:1-65535"]',
      '4:12: 65535 ports are published; at most 1000 per environment (the engine starts a proxy process for each, about 7 MB apiece) (publish fewer ports, or use `network_mode: host` to reach every port of the container without publishing)',
    ],
  ])('%s', async (line, expected) => {
    expect(await withField(line)).toEqual([`envctl.yaml:${expected}`]);
  });

  test('the values just inside the limits are accepted, in the form the engine keeps them', async () => {
    const state = await load(
      [
        'environments:',
        '  box:',
        '    image: x',
        '    shm_size: 1',
        '    mem_limit: 6m',
        '    memory_swap: 9007199254740991',
        '    cpus: 0.123456789',
        '    cpuset: "0-8192"',
        '    pids_limit: 4194304',
        '    restart: on-failure:9007199254740991',
        '    ulimits: {core: -1, nofile: 9007199254740991}',
        '    stop_grace_period: 9223372036s',
        '    healthcheck: {test: [CMD, "true"], interval: 2562047h, start_period: 1ms, retries: 9007199254740991}',
        '    user: "2147483647:2147483647"',
        '    group_add: [2147483647]',
        `    hostname: ${'a'.repeat(29)}_1.${'B'.repeat(32)}`,
        `    dns_search: [".", "${['a', 'b', 'c'].map((c) => c.repeat(63)).join('.')}.${'d'.repeat(61)}", "svc_x.lab."]`,
        '    extra_hosts: ["my_host:::1"]',
        '    stop_signal: RTMAX-14',
        '    working_dir: /srv//app/../app/',
        '    environment: {"a.b-c": "line1\\nline2", _X: "=="}',
        '    labels: {"org.example/owner:x": "any\\ttext"}',
      ].join('\n'),
    );
    const env = state.environments[0]!;
    expect(env).toMatchObject({
      shmSizeBytes: 1,
      memLimitBytes: 6 * 1024 * 1024,
      memSwapBytes: Number.MAX_SAFE_INTEGER,
      cpus: 0.123456789,
      cpuset: '0-8192',
      pidsLimit: 4194304,
      restart: { name: 'on-failure', maxRetries: Number.MAX_SAFE_INTEGER },
      stopGracePeriodSeconds: 9223372036,
      user: '2147483647:2147483647',
      groupAdd: ['2147483647'],
      hostname: `${'a'.repeat(29)}_1.${'B'.repeat(32)}`,
      extraHosts: ['my_host:::1'],
      stopSignal: 'RTMAX-14',
      // The engine cleans the path (Go's path.Clean); so does normalize, or the next plan would see a change.
      workingDir: '/srv/app',
      environment: { 'a.b-c': 'line1\nline2', _X: '==' },
      labels: { 'org.example/owner:x': 'any\ttext' },
    });
    expect(env.healthcheck).toEqual({ test: ['CMD', 'true'], intervalNs: 2562047 * 3600e9, timeoutNs: 0, startPeriodNs: 1e6, retries: Number.MAX_SAFE_INTEGER });
    expect(env.ulimits).toEqual([
      { name: 'core', soft: -1, hard: -1 },
      { name: 'nofile', soft: Number.MAX_SAFE_INTEGER, hard: Number.MAX_SAFE_INTEGER },
    ]);
  });
});

describe('every field of the schema was looked at', () => {
  test('the grammar table names each environment field, no more and no fewer', () => {
    expect(Object.keys(ENVIRONMENT_FIELD_CHECKS).sort()).toEqual(Object.keys(EnvironmentSchema.properties).sort());
  });
});
