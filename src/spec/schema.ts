// The one source of truth for envctl.yaml: the TypeBox schema (→ schemas/envctl.schema.json) and the raw types derived from it.
import { Type, type Static } from '@sinclair/typebox';

// `errorMessage` is what editors (vscode-json-languageservice) show when a value does not fit, and what
// validate-spec uses to collapse anyOf noise into one sentence per location.
const text = (description: string, errorMessage?: string) =>
  errorMessage === undefined ? { description } : { description, errorMessage };

/** A string enum as a plain JSON Schema `enum` (clearer errors and editor completion than anyOf of consts). */
function StringEnum<const T extends readonly string[]>(values: T, description: string) {
  return Type.Unsafe<T[number]>({
    type: 'string',
    enum: [...values],
    description,
    errorMessage: `must be one of: ${values.join(', ')}`,
  });
}

const StringOrList = (description: string) =>
  Type.Union([Type.String(), Type.Array(Type.String())], text(description, 'must be a string or a list of strings'));

const ScalarValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

/** `{K: V}` or `["K=V"]`, as in Compose. */
const ListOrDict = (description: string) =>
  Type.Union(
    [Type.Record(Type.String(), ScalarValue), Type.Array(Type.String())],
    text(description, 'must be a map {KEY: value} or a list of "KEY=value" strings'),
  );

const Size = (description: string) =>
  Type.Union(
    [Type.Integer({ minimum: 0 }), Type.String()],
    text(description, 'must be a size: a number of bytes or a string like "512m", "32g"'),
  );

const Duration = (description: string) => Type.String(text(description));

const PortLong = Type.Object(
  {
    target: Type.Integer({ minimum: 1, maximum: 65535, description: 'Container port.' }),
    published: Type.Optional(
      Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.String()], text('Host port; omitted = an ephemeral port.')),
    ),
    host_ip: Type.Optional(Type.String(text('Host interface to bind, e.g. 127.0.0.1; omitted = 0.0.0.0 (all interfaces).'))),
    protocol: Type.Optional(StringEnum(['tcp', 'udp', 'sctp'] as const, 'Transport protocol (default tcp).')),
  },
  { additionalProperties: false },
);

const Port = Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.String(), PortLong], {
  description: 'A published port: "H:C", "IP:H:C", "IP::C", "C", "H:C/udp", a range "8000-8002:8000-8002", or the long form.',
  errorMessage: 'must be a port: "H:C", "IP:H:C", "C", or {target, published, host_ip, protocol}',
});

const VolumeLong = Type.Object(
  {
    type: StringEnum(['bind', 'volume', 'tmpfs'] as const, 'Mount type.'),
    source: Type.Optional(Type.String(text('Host path (bind) or volume name (volume).'))),
    target: Type.String(text('Absolute path inside the container.')),
    read_only: Type.Optional(Type.Boolean(text('Mount read-only.'))),
    tmpfs: Type.Optional(
      Type.Object({ size: Type.Optional(Size('Size limit of the tmpfs.')) }, { additionalProperties: false, description: 'tmpfs options.' }),
    ),
  },
  { additionalProperties: false },
);

const Volume = Type.Union([Type.String(), VolumeLong], {
  description: 'A mount: "src:dst[:ro]" (bind when src starts with /, . or ~; otherwise a named volume) or the long form.',
  errorMessage: 'must be a mount: "src:dst[:ro|:rw]" or {type: bind|volume|tmpfs, source, target, read_only}',
});

const Gpus = Type.Union(
  [
    Type.Literal('all'),
    Type.Integer({ minimum: 0 }),
    Type.Array(Type.Union([Type.Integer({ minimum: 0 }), Type.String()])),
    Type.Object(
      {
        count: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Literal('all')])),
        device_ids: Type.Optional(Type.Array(Type.Union([Type.Integer({ minimum: 0 }), Type.String()]))),
        capabilities: Type.Optional(Type.Array(Type.String())),
        driver: Type.Optional(Type.String()),
      },
      { additionalProperties: false },
    ),
  ],
  text('GPUs to expose: all | <count> | [0, 3] | {count | device_ids, capabilities, driver}', 'must be all, a count, a list of device ids, or {count | device_ids, capabilities, driver}'),
);

const Ulimits = Type.Record(
  Type.String(),
  Type.Union(
    [Type.Integer(), Type.Object({ soft: Type.Integer(), hard: Type.Integer() }, { additionalProperties: false })],
    { errorMessage: 'must be a number or {soft, hard}' },
  ),
  text('Resource limits, e.g. {memlock: -1, nofile: {soft: 1024, hard: 4096}}.'),
);

const SshObject = Type.Object(
  {
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'Host port published for the container\'s sshd (port 22); omitted = an ephemeral port.' })),
    user: Type.Optional(Type.String(text('Who logs in (default root); the user must exist in the image.'))),
    authorized_keys: Type.Optional(
      StringOrList('Public keys allowed to log in: .pub files (~/…, relative to the spec, or absolute) or key lines "ssh-ed25519 AAAA…". Default: ~/.ssh/*.pub.'),
    ),
    host_ip: Type.Optional(Type.String(text('Host interface for the ssh port, e.g. 127.0.0.1 (default: defaults.ports_host_ip, else 0.0.0.0).'))),
    install: Type.Optional(StringEnum(['auto', 'never'] as const, 'Image without sshd: install openssh-server with its package manager (auto, default) or refuse (never).')),
  },
  { additionalProperties: false },
);

const Ssh = Type.Union([Type.Boolean(), SshObject], {
  description: 'A key-only sshd envctl adds to the container (`envctl ssh`, `envctl ssh-config`); true = defaults with your ~/.ssh/*.pub keys.',
  errorMessage: 'must be true, false, or {port, user, authorized_keys, host_ip, install}',
});

const Build = Type.Union(
  [
    Type.String(),
    Type.Object(
      {
        context: Type.Optional(Type.String(text('Build context folder, relative to the spec.'))),
        dockerfile: Type.Optional(Type.String(text('Dockerfile, relative to the context.'))),
        args: Type.Optional(ListOrDict('Build arguments.')),
        target: Type.Optional(Type.String(text('Build stage to stop at.'))),
        max_context: Type.Optional(Size('Largest context (after .dockerignore) plan and apply send, e.g. 8g (default 2g).')),
      },
      { additionalProperties: false },
    ),
  ],
  text('Build the image: a context folder or {context, dockerfile, args, target, max_context}.', 'must be a folder or {context, dockerfile, args, target, max_context}'),
);

const Healthcheck = Type.Object(
  {
    test: Type.Optional(StringOrList('The check: ["CMD", ...], ["CMD-SHELL", "..."] or a shell string.')),
    interval: Type.Optional(Duration('Time between checks, e.g. 30s.')),
    timeout: Type.Optional(Duration('Time a check may take.')),
    start_period: Type.Optional(Duration('Grace period after start.')),
    start_interval: Type.Optional(Duration('Time between checks during the start period.')),
    retries: Type.Optional(Type.Integer({ minimum: 0 })),
    disable: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, description: 'Container health check, as in Compose.' },
);

const NullableString = (description: string) => Type.Union([Type.String(), Type.Null()], text(description, 'must be a string'));

/** Every field an environment (and `defaults`) may set. Nothing required here: `image` may come from `defaults`. */
const environmentFields = {
  image: Type.Optional(Type.String(text('Image to run, e.g. pytorch/pytorch:2.4.0-cuda12.1-cudnn9-devel (":latest" when no tag).'))),
  container_name: Type.Optional(
    Type.String({
      pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]+$',
      description: 'Container name; default <project>-<env>.',
      errorMessage: 'must be a container name: letters, digits, _ . - (starting with a letter or digit)',
    }),
  ),
  command: Type.Optional(
    Type.Union([Type.String(), Type.Array(Type.String()), Type.Null()], text('Command: a string (split like a shell) or a list.', 'must be a string or a list of strings')),
  ),
  entrypoint: Type.Optional(
    Type.Union([Type.String(), Type.Array(Type.String()), Type.Null()], text('Entrypoint: a string (split like a shell) or a list.', 'must be a string or a list of strings')),
  ),
  environment: Type.Optional(ListOrDict('Environment variables: map or ["K=V"] list; a bare K (or null) takes the value from your environment.')),
  env_file: Type.Optional(StringOrList('File(s) of KEY=value lines, relative to the spec; `environment` wins.')),
  working_dir: Type.Optional(NullableString('Working directory inside the container.')),
  user: Type.Optional(
    Type.Union([Type.String(), Type.Integer(), Type.Null()], text('User (and group) to run as, e.g. "1000:1000".', 'must be a user such as "1000:1000" or "root"')),
  ),
  hostname: Type.Optional(NullableString('Hostname inside the container.')),
  ports: Type.Optional(Type.Array(Port, text('Published ports. Without an IP they bind 0.0.0.0 (all interfaces), like docker -p.'))),
  volumes: Type.Optional(Type.Array(Volume, text('Bind mounts, named volumes and tmpfs mounts.'))),
  shm_size: Type.Optional(Size('Size of /dev/shm, e.g. 32g (default 64m).')),
  ipc: Type.Optional(
    Type.String({
      pattern: '^(private|shareable|host|none|container:.+)$',
      description: 'IPC namespace: private | shareable | host | none | container:<name> (default private).',
      errorMessage: 'must be one of: private, shareable, host, none, container:<name>',
    }),
  ),
  restart: Type.Optional(
    Type.String({
      pattern: '^(no|always|unless-stopped|on-failure(:[0-9]+)?)$',
      description: 'Restart policy: no | always | unless-stopped | on-failure[:N] (default no).',
      errorMessage: 'must be one of: no, always, unless-stopped, on-failure, on-failure:N',
    }),
  ),
  labels: Type.Optional(ListOrDict('Labels on the container (keys under dev.envctl. are reserved).')),
  state: Type.Optional(StringEnum(['running', 'stopped', 'paused'] as const, 'What apply converges the container to (default running).')),
  tty: Type.Optional(Type.Boolean(text('Allocate a pseudo-TTY (default false).'))),
  stdin_open: Type.Optional(Type.Boolean(text('Keep stdin open (default false).'))),
  network_mode: Type.Optional(Type.String(text('bridge | host | none | container:<name> | a network name (default bridge).'))),
  dns: Type.Optional(StringOrList('DNS servers, in order.')),
  extra_hosts: Type.Optional(
    Type.Union(
      [Type.Array(Type.String()), Type.Record(Type.String(), Type.String())],
      text('Extra /etc/hosts entries: ["host:ip"] or {host: ip}.', 'must be a list of "host:ip" or a map {host: ip}'),
    ),
  ),
  mem_limit: Type.Optional(Size('Memory limit, e.g. 64g (default unlimited).')),
  cpus: Type.Optional(
    Type.Union([Type.Number({ minimum: 0 }), Type.String()], text('Number of CPUs, e.g. 8 or 0.5 (default unlimited).', 'must be a number of CPUs, e.g. 8 or 0.5')),
  ),
  cpuset: Type.Optional(
    Type.Union([Type.String(), Type.Integer({ minimum: 0 })], text('CPUs allowed, e.g. "0-7" or "0,2".', 'must be a CPU list such as "0-7" or "0,2"')),
  ),
  // Accepted by the schema so specs written for later versions validate; normalize says they are not supported yet.
  gpus: Type.Optional(Gpus),
  runtime: Type.Optional(Type.String(text('Container runtime, e.g. nvidia.'))),
  ulimits: Type.Optional(Ulimits),
  ssh: Type.Optional(Ssh),
  on_recreate: Type.Optional(
    StringEnum(['refuse', 'snapshot', 'discard'] as const, "What to do with changes in the container's own layer when it must be recreated."),
  ),
  ignore_changes: Type.Optional(
    Type.Array(
      Type.String(),
      text(
        'Globs of paths inside the container whose changes are runtime noise, not work (e.g. /workspace/.cache/**), added to the built-in list.',
        'must be a list of path globs',
      ),
    ),
  ),
  build: Type.Optional(Build),
  pull_policy: Type.Optional(StringEnum(['missing', 'always', 'never', 'build'] as const, 'When to pull the image.')),
  init: Type.Optional(Type.Boolean(text('Run an init process (tini) as PID 1.'))),
  stop_signal: Type.Optional(Type.String(text('Signal that stops the container, e.g. SIGINT.'))),
  stop_grace_period: Type.Optional(Duration('Time to wait after stop_signal before killing, e.g. 30s.')),
  healthcheck: Type.Optional(Healthcheck),
  cap_add: Type.Optional(Type.Array(Type.String(), text('Linux capabilities to add, e.g. SYS_PTRACE.'))),
  cap_drop: Type.Optional(Type.Array(Type.String(), text('Linux capabilities to drop.'))),
  devices: Type.Optional(Type.Array(Type.String(), text('Host devices to expose, e.g. /dev/fuse.'))),
  privileged: Type.Optional(Type.Boolean(text('Run privileged.'))),
  security_opt: Type.Optional(Type.Array(Type.String(), text('Security options, e.g. seccomp=unconfined.'))),
  group_add: Type.Optional(
    Type.Array(Type.Union([Type.String(), Type.Integer({ minimum: 0 })]), text('Extra groups (names or ids) for the container user.', 'must be a list of group names or ids')),
  ),
  sysctls: Type.Optional(ListOrDict('Kernel parameters in the container, e.g. {net.core.somaxconn: 1024}.')),
  tmpfs: Type.Optional(StringOrList('tmpfs mounts: "/run" or "/run:size=64m" (a list for several); same as volumes of type tmpfs.')),
  expose: Type.Optional(
    Type.Array(Type.Union([Type.Integer({ minimum: 1, maximum: 65535 }), Type.String()]), text('Ports exposed without publishing: 7000, "7000/udp", "8000-8002".', 'must be a list of ports such as 7000 or "7000/udp"')),
  ),
  dns_search: Type.Optional(StringOrList('DNS search domains, in order.')),
  pids_limit: Type.Optional(Type.Integer({ minimum: -1, description: 'Maximum number of processes (-1 or 0 = unlimited).', errorMessage: 'must be a whole number (-1 = unlimited)' })),
  memory_swap: Type.Optional(
    Type.Union([Type.Integer({ minimum: -1 }), Type.String()], text('Memory + swap limit, e.g. 8g; -1 = unlimited swap; needs mem_limit (default twice mem_limit).', 'must be a size such as "8g", or -1 for unlimited swap')),
  ),
  host: Type.Optional(Type.String(text('Which entry of top-level `hosts` runs this environment.'))),
};

export const EnvironmentSchema = Type.Object(environmentFields, {
  additionalProperties: false,
  description: 'One environment: a container and everything about it.',
});

export const DefaultsSchema = Type.Object(
  {
    ...environmentFields,
    ports_host_ip: Type.Optional(Type.String(text('Host IP for ports that name none (default 0.0.0.0, all interfaces).'))),
  },
  { additionalProperties: false, description: 'Merged under every environment (environment wins; maps merge, lists replace).' },
);

export const VolumeDeclSchema = Type.Union(
  [
    Type.Null(),
    Type.Object(
      {
        driver: Type.Optional(Type.String(text('Volume driver (default local).'))),
        driver_opts: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]), text('Driver options.'))),
        labels: Type.Optional(ListOrDict('Labels on the volume.')),
      },
      { additionalProperties: false },
    ),
  ],
  text('A named volume with options (or null for the defaults).', 'must be empty or {driver, driver_opts, labels}'),
);

export const HostSchema = Type.Object(
  {
    docker_host: Type.String(text('Where the engine is, as in DOCKER_HOST: unix:///..., tcp://host:2376, ssh://user@host.')),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false, description: 'A Docker engine envctl may place environments on.' },
);

export const SpecSchema = Type.Object(
  {
    version: Type.Optional(Type.Literal(1, { description: 'Spec format version.', errorMessage: 'must be 1' })),
    project: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9][a-z0-9_-]*$',
        description: "Project name; labels every resource envctl owns. Default: the spec file's folder name.",
        errorMessage: 'must be lowercase letters, digits, _ and - (starting with a letter or digit)',
      }),
    ),
    defaults: Type.Optional(DefaultsSchema),
    environments: Type.Record(Type.String(), EnvironmentSchema, text('The environments, by name; container name <project>-<name> unless container_name is set.')),
    volumes: Type.Optional(Type.Record(Type.String(), VolumeDeclSchema, text('Named volumes with options; those used by environments are created anyway.'))),
    hosts: Type.Optional(Type.Record(Type.String(), HostSchema, text('Docker engines environments may run on.'))),
  },
  {
    additionalProperties: false,
    // `x-…` keys hold YAML anchors to reuse (`x-gpu: &gpu {...}` then `<<: *gpu`), as in Compose.
    patternProperties: { '^x-': {} },
    title: 'envctl.yaml',
    description: 'envctl spec: declarative Docker environments.',
  },
);

export type RawSpec = Static<typeof SpecSchema>;
export type RawEnvironment = Static<typeof EnvironmentSchema>;
export type RawDefaults = Static<typeof DefaultsSchema>;
export type RawPort = RawEnvironment extends { ports?: (infer P)[] } ? P : never;
export type RawVolume = RawEnvironment extends { volumes?: (infer V)[] } ? V : never;
export type RawVolumeDecl = Static<typeof VolumeDeclSchema>;
