// The JSON Schema of `deploy:`, Compose's names and meanings (compose-spec's `deploy`), built only when the schema is.
import { Type } from '@sinclair/typebox';
import { Duration, ListOrDict, Size, StringEnum, StringList, text } from '../schema-parts.js';

const Count = (description: string) => Type.Integer({ minimum: 0, description, errorMessage: 'must be a whole number, 0 or more' });

const UpdatePolicy = (what: string, failureActions: readonly string[]) =>
  Type.Object(
    {
      parallelism: Type.Optional(Count('Tasks replaced at once (default 1; 0 = all at once).')),
      delay: Type.Optional(Duration('Time between replacing one group of tasks and the next (default 0s).')),
      failure_action: Type.Optional(StringEnum(failureActions, `What to do when the ${what} fails (default pause).`)),
      monitor: Type.Optional(Duration('How long each new task is watched for failure (default 5s).')),
      max_failure_ratio: Type.Optional(
        Type.Number({ minimum: 0, maximum: 1, description: 'Share of tasks that may fail (default 0).', errorMessage: 'must be a number from 0 to 1' }),
      ),
      order: Type.Optional(StringEnum(['stop-first', 'start-first'] as const, 'Stop the old task before starting the new one, or the other way round (default stop-first).')),
    },
    { additionalProperties: false, description: `How a ${what} replaces tasks.` },
  );

const Resources = (what: string, extra: Record<string, ReturnType<typeof Type.Optional>>) =>
  Type.Object(
    {
      cpus: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.String()], text(`CPUs ${what}, e.g. 0.5 or "2".`, 'must be a number of CPUs'))),
      memory: Type.Optional(Size(`Memory ${what}, e.g. 512m.`)),
      ...extra,
    },
    { additionalProperties: false },
  );

const GenericResource = () =>
  Type.Object(
    {
      discrete_resource_spec: Type.Object(
        {
          kind: Type.String(text('The resource a node advertises, e.g. NVIDIA-GPU (dockerd --node-generic-resource).')),
          value: Type.Integer({ minimum: 1, description: 'How many.', errorMessage: 'must be a whole number, 1 or more' }),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false, description: 'A generic resource each task reserves.' },
  );

const Device = () =>
  Type.Object(
    {
      capabilities: StringList('Device capabilities; a service can reserve [gpu] (as NVIDIA-GPU generic resources).'),
      count: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Literal('all')], text('How many devices.', 'must be a number, 1 or more'))),
      device_ids: Type.Optional(StringList('Device ids.')),
      driver: Type.Optional(Type.String(text('Device driver, e.g. nvidia.'))),
      options: Type.Optional(Type.Record(Type.String(), Type.String(), text('Driver options.'))),
    },
    { additionalProperties: false, description: 'A device each task reserves.' },
  );

export const DeploySchema = () =>
  Type.Object(
    {
      mode: Type.Optional(StringEnum(['replicated', 'global'] as const, 'replicated (a number of tasks) or global (one task on every node that qualifies).')),
      replicas: Type.Optional(Count('Tasks of a replicated service (default 1).')),
      endpoint_mode: Type.Optional(StringEnum(['vip', 'dnsrr'] as const, 'How other services reach it: a virtual IP (vip, default) or DNS round robin (dnsrr).')),
      labels: Type.Optional(ListOrDict("The service's own labels (the environment's `labels` go on its containers).")),
      placement: Type.Optional(
        Type.Object(
          {
            constraints: Type.Optional(StringList('Constraints every node of a task must meet, e.g. "node.labels.gpu == true".')),
            preferences: Type.Optional(
              Type.Array(
                Type.Object({ spread: Type.String(text('Spread tasks evenly over the values of this node label, e.g. node.labels.zone.')) }, { additionalProperties: false }),
                text('Placement preferences, in order.'),
              ),
            ),
            max_replicas_per_node: Type.Optional(Count('Most tasks on one node (default no limit).')),
          },
          { additionalProperties: false, description: 'Where tasks may run.' },
        ),
      ),
      resources: Type.Optional(
        Type.Object(
          {
            limits: Type.Optional(Resources('each task may use at most', { pids: Type.Optional(Count('Most processes in each task (default no limit).')) })),
            reservations: Type.Optional(
              Resources('each task reserves on its node', {
                generic_resources: Type.Optional(Type.Array(GenericResource(), text('Generic resources (e.g. NVIDIA-GPU) each task reserves.'))),
                devices: Type.Optional(Type.Array(Device(), text('Devices each task reserves.'))),
              }),
            ),
          },
          { additionalProperties: false, description: 'Resource limits and reservations of each task.' },
        ),
      ),
      restart_policy: Type.Optional(
        Type.Object(
          {
            condition: Type.Optional(StringEnum(['none', 'on-failure', 'any'] as const, 'When to restart a task (default any).')),
            delay: Type.Optional(Duration('Time between restarts (default 5s).')),
            max_attempts: Type.Optional(Count('Restarts before giving up (default 0: no limit).')),
            window: Type.Optional(Duration('How long a restart must run to count as a success (default 0s).')),
          },
          { additionalProperties: false, description: 'How Swarm restarts a task that exits.' },
        ),
      ),
      update_config: Type.Optional(UpdatePolicy('rolling update', ['pause', 'continue', 'rollback'] as const)),
      rollback_config: Type.Optional(UpdatePolicy('rollback', ['pause', 'continue'] as const)),
    },
    {
      additionalProperties: false,
      description: 'Makes this environment a Docker Swarm service <project>-<env> on a swarm manager (Compose names).',
    },
  );
