// gpus: GPUs to expose (all | <count> | [0, 3] | {count | device_ids, capabilities, driver}), as one engine device request.
import { Type } from '@sinclair/typebox';
import type { GpuRequest } from '../canonical-env.js';
import type { Field } from '../field.js';
import { onlyIf } from '../only-if.js';
import { formatGpus } from '../present/format-value.js';
import { specGpus } from '../present/spec-values.js';
import { byString } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { text } from '../schema-parts.js';
import { DOCKER_NAME } from '../values/check-text.js';
import { parseGpuRequest } from '../values/parse-gpu-flag.js';
import { parseGpus, type RawGpus } from '../values/parse-gpus.js';
import { fail } from '../values/parse-result.js';
import { eachString, isObj, printableWord, type ValueCheck } from '../values/value-checks.js';
import { refuse } from '../service/service-rules.js';

/** GPU device ids, capabilities and driver: single words (the engine joins ids with ","). */
const checkGpus: ValueCheck = (value, path, report) => {
  const word = /^[A-Za-z0-9][A-Za-z0-9_.:/-]*$/;
  const ids = (list: unknown, at: (string | number)[]) =>
    eachString(list, at, (text, p) => {
      if (!word.test(text.trim()))
        report(p, fail(`GPU id ${JSON.stringify(text)} is not a device id`, 'an index such as 0 or a UUID such as GPU-1a2b…'));
    });
  if (Array.isArray(value)) return ids(value, path);
  if (!isObj(value)) return;
  ids(value.device_ids, [...path, 'device_ids']);
  printableWord('GPU capability', /^[a-z0-9_]+$/, 'e.g. gpu, compute, utility')(value.capabilities, [...path, 'capabilities'], report);
  printableWord('GPU driver', DOCKER_NAME, 'e.g. nvidia')(value.driver, [...path, 'driver'], report);
};

const keys = {
  gpus: {
    get schema() {
      return Type.Union(
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
        text(
          'GPUs to expose: all | <count> | [0, 3] | {count | device_ids, capabilities, driver}',
          'must be all, a count, a list of device ids, or {count | device_ids, capabilities, driver}',
        ),
      );
    },
    check: checkGpus,
  },
};

export const gpus: Field<'gpus', GpuRequest[], typeof keys> = {
  name: 'gpus',
  prop: 'gpus',
  keys,
  normalize: ({ gpus }, ctx) => (gpus.value ? (ctx.report(gpus.value.path, parseGpus(gpus.value.value as RawGpus)) ?? []) : []),
  container: {
    create: (v, body) =>
      void (body.HostConfig.DeviceRequests = v.map((g) => ({
        Driver: g.driver,
        Count: g.count,
        DeviceIDs: [...g.deviceIds],
        Capabilities: [[...g.capabilities]],
        Options: {},
      }))),
    observe: (i) =>
      (i.HostConfig?.DeviceRequests ?? []).map((r) => ({
        driver: r.Driver ?? '',
        count: r.Count ?? 0,
        deviceIds: [...(r.DeviceIDs ?? [])],
        // envctl sends one AND-set; a hand-made request with several alternatives is read as its first.
        capabilities: [...(r.Capabilities?.[0] ?? [])].sort(byString),
      })),
  },
  service: refuse('a service reserves GPUs as a generic resource: write deploy.resources.reservations.generic_resources [{discrete_resource_spec: {kind: NVIDIA-GPU, value: N}}] or devices [{capabilities: [gpu], count: N}]'),
  change: RECREATE,
  present: { show: formatGpus },
  import: {
    flags: [
      {
        name: 'gpus',
        takesValue: true,
        apply: (d) => {
          if (d.get('gpus') !== undefined) d.fail('--gpus is given twice; the spec has one GPU request per environment');
          d.set('gpus', d.check(parseGpuRequest(d.value)));
        },
      },
    ],
    write: (v, env) => onlyIf(v.length > 0, 'gpus', () => specGpus(v, env.containerName)),
  },
};
