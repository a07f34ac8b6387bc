// One builder for a complete CanonicalEnv with engine defaults, shared by unit and engine tests.
import { ENGINE_DEFAULTS, type CanonicalEnv } from '../../src/spec/canonical-env.js';

export function defaultEnv(project: string, name: string, image: string, overrides: Partial<CanonicalEnv> = {}): CanonicalEnv {
  return {
    project,
    name,
    containerName: `${project}-${name}`,
    image,
    command: null,
    entrypoint: null,
    environment: {},
    workingDir: null,
    user: null,
    hostname: null,
    ports: [],
    mounts: [],
    shmSizeBytes: ENGINE_DEFAULTS.shmSizeBytes,
    ipc: ENGINE_DEFAULTS.ipc,
    restart: { ...ENGINE_DEFAULTS.restart },
    labels: {},
    state: ENGINE_DEFAULTS.state,
    tty: false,
    stdinOpen: false,
    networkMode: ENGINE_DEFAULTS.networkMode,
    dns: [],
    extraHosts: [],
    memLimitBytes: 0,
    cpus: 0,
    cpuset: '',
    ...overrides,
  };
}
