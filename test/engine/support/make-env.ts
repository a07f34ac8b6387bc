// A complete CanonicalEnv with engine defaults, for tests to override field by field.
import { ENGINE_DEFAULTS, type CanonicalEnv } from '../../../src/spec/canonical-env.js';
import { TEST_IMAGE } from './test-image.js';

export function makeEnv(project: string, name: string, overrides: Partial<CanonicalEnv> = {}): CanonicalEnv {
  return {
    project,
    name,
    containerName: `${project}-${name}`,
    image: TEST_IMAGE,
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
    state: 'running',
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
