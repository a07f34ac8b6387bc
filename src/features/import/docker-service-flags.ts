// The `docker service create` flags envctl import knows (docker CLI 28, API-gated ones included): those that map an
// environment field are declared by that field (`import.serviceFlags`), those of `deploy:` in deploy-service-flags.ts;
// the ones listed here only shape the CLI call, or ask for what the spec cannot express.
import type { FlagMapping } from '../../fields/flag-mapping.js';
import { FIELDS } from '../../fields/registry.js';
import type { AnyField } from '../../fields/field.js';
import { DEPLOY_SERVICE_FLAGS } from './deploy-service-flags.js';
import { cannot, makeFlagTable, none, type DockerFlag, type FlagTable } from './flag-table.js';

const LOGGING = 'the spec has no logging settings';
const WINDOWS = 'Windows only';

/** docker service create's options that no field maps, in `docker service create --help` order. */
const OTHER_FLAGS: DockerFlag[] = [
  { name: 'config', takesValue: true, effect: cannot('the spec has no Swarm configs; bind-mount the file (present on every node) or build it into the image') },
  { name: 'credential-spec', takesValue: true, effect: cannot(WINDOWS) },
  { name: 'detach', short: 'd', takesValue: false, effect: none('envctl apply itself waits until the replicas run, or says why they cannot') },
  { name: 'dns-option', takesValue: true, effect: cannot('the spec has no DNS options') },
  { name: 'help', takesValue: false, effect: cannot('it prints help instead of creating a service') },
  { name: 'isolation', takesValue: true, effect: cannot(WINDOWS) },
  { name: 'log-driver', takesValue: true, effect: cannot(LOGGING) },
  { name: 'log-opt', takesValue: true, effect: cannot(LOGGING) },
  { name: 'max-concurrent', takesValue: true, effect: cannot('it is for jobs (--mode replicated-job); an environment is a service that keeps running') },
  {
    name: 'network',
    takesValue: true,
    effect: none("envctl puts a project's services on one overlay network of its own, where they reach each other by name; the spec attaches no other network"),
  },
  { name: 'no-resolve-image', takesValue: false, effect: none("it only decides whether `docker service create` first asks the registry for the image's digest") },
  { name: 'oom-score-adj', takesValue: true, effect: cannot('the spec has no OOM score') },
  { name: 'quiet', short: 'q', takesValue: false, effect: none('it only silences the progress output of `docker service create`') },
  { name: 'secret', takesValue: true, effect: cannot('the spec has no Swarm secrets') },
  {
    name: 'with-registry-auth',
    takesValue: false,
    effect: none('envctl sends no registry credentials with a service: the nodes pull as they are logged in (`docker login` on each), or from a registry they can read'),
  },
];

/** A field's service flags, a name standing for its docker run flag of that name. */
function serviceFlagsOf(field: AnyField): FlagMapping[] {
  return (field.import.serviceFlags ?? []).map((entry) => {
    if (typeof entry !== 'string') return entry;
    const same = field.import.flags.find((f) => f.name === entry);
    if (same === undefined) throw new Error(`field ${field.name}: service flag "${entry}" names no docker run flag of the field`);
    return same;
  });
}

const TABLE: readonly AnyField[] = FIELDS;

export const SERVICE_FLAGS: FlagTable = makeFlagTable('docker service create', OTHER_FLAGS, [...TABLE.flatMap(serviceFlagsOf), ...DEPLOY_SERVICE_FLAGS]);
