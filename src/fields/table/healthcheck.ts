// healthcheck: the container's health check (Compose's form); null = the image's HEALTHCHECK, if any. Parts the spec
// leaves zero are filled from the image by the engine, and recorded so observe can take them back out.
import { Type } from '@sinclair/typebox';
import type { Healthcheck } from '../canonical-env.js';
import type { Field } from '../field.js';
import type { FlagDraft, FlagMapping } from '../flag-mapping.js';
import type { HealthcheckPart } from '../inherited-defaults.js';
import { onlyIf } from '../only-if.js';
import { formatHealthcheck } from '../present/format-value.js';
import { specHealthcheck } from '../present/spec-values.js';
import { RECREATE } from '../rules.js';
import { Duration, StringOrList } from '../schema-parts.js';
import { parseHealthcheck, type RawHealthcheck } from '../values/parse-healthcheck.js';
import { argumentWords, isObj, type ValueCheck } from '../values/value-checks.js';
import { containerSpec } from '../service/service-rules.js';

const keys = {
  healthcheck: {
    get schema() {
      return Type.Object(
        {
          test: Type.Optional(StringOrList('The check: ["CMD", ...], ["CMD-SHELL", "..."] or a shell string.')),
          interval: Type.Optional(Duration('Time between checks, e.g. 30s.')),
          timeout: Type.Optional(Duration('Time a check may take.')),
          start_period: Type.Optional(Duration('Grace period after start.')),
          start_interval: Type.Optional(Duration('Time between checks during the start period.')),
          retries: Type.Optional(
            Type.Integer({
              minimum: 0,
              maximum: Number.MAX_SAFE_INTEGER,
              errorMessage: `must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`,
            }),
          ),
          disable: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false, description: 'Container health check, as in Compose.' },
      );
    },
    check: ((value, path, report) => {
      if (isObj(value)) argumentWords('a healthcheck test word')(value.test, [...path, 'test'], report);
    }) satisfies ValueCheck,
  },
};

/** The daemon fills a container's empty health check parts from the image's (daemon/commit.go, merge()). */
function inheritedParts(mine: Healthcheck | null, image: Healthcheck | null): HealthcheckPart[] {
  if (image === null) return [];
  if (mine === null) return ['all'];
  const parts: HealthcheckPart[] = [];
  if (mine.test.length === 0 && image.test.length > 0) parts.push('test');
  if (mine.intervalNs === 0 && image.intervalNs !== 0) parts.push('interval');
  if (mine.timeoutNs === 0 && image.timeoutNs !== 0) parts.push('timeout');
  if (mine.startPeriodNs === 0 && image.startPeriodNs !== 0) parts.push('startPeriod');
  if (mine.retries === 0 && image.retries !== 0) parts.push('retries');
  return parts;
}

const healthFlag = (name: string, key: string, value: (d: FlagDraft) => unknown): FlagMapping => ({
  name,
  takesValue: true,
  apply: (d) => d.entry('healthcheck', key, value(d)),
});

export const healthcheck: Field<'healthcheck', Healthcheck | null, typeof keys> = {
  name: 'healthcheck',
  prop: 'healthcheck',
  keys,
  normalize: ({ healthcheck }, ctx) => {
    const field = healthcheck.value;
    if (!field) return null;
    const parsed = parseHealthcheck(field.value as RawHealthcheck);
    return ctx.report(parsed.at === undefined ? field.path : [...field.path, parsed.at], parsed) ?? null;
  },
  container: {
    create: (h, body) => {
      if (h !== null)
        body.Healthcheck = { Test: [...h.test], Interval: h.intervalNs, Timeout: h.timeoutNs, StartPeriod: h.startPeriodNs, Retries: h.retries };
    },
    observe: (i, ctx) => {
      const raw = i.Config?.Healthcheck;
      const parts = new Set(ctx.inherited?.healthcheck ?? []);
      if (!raw || parts.has('all')) return null;
      return {
        test: parts.has('test') ? [] : [...(raw.Test ?? [])],
        intervalNs: parts.has('interval') ? 0 : (raw.Interval ?? 0),
        timeoutNs: parts.has('timeout') ? 0 : (raw.Timeout ?? 0),
        startPeriodNs: parts.has('startPeriod') ? 0 : (raw.StartPeriod ?? 0),
        retries: parts.has('retries') ? 0 : (raw.Retries ?? 0),
      };
    },
    inherited: (env, img) => {
      const parts = inheritedParts(env.healthcheck, img.healthcheck ?? null);
      return parts.length > 0 ? { healthcheck: parts } : {};
    },
  },
  service: {
    create: (h, spec) => {
      if (h !== null)
        containerSpec(spec).Healthcheck = { Test: [...h.test], Interval: h.intervalNs, Timeout: h.timeoutNs, StartPeriod: h.startPeriodNs, Retries: h.retries };
    },
    observe: (spec) => {
      const raw = containerSpec(spec).Healthcheck;
      if (raw === undefined) return null;
      return { test: [...(raw.Test ?? [])], intervalNs: raw.Interval ?? 0, timeoutNs: raw.Timeout ?? 0, startPeriodNs: raw.StartPeriod ?? 0, retries: raw.Retries ?? 0 };
    },
  },
  change: RECREATE,
  present: { show: formatHealthcheck },
  import: {
    flags: [
      healthFlag('health-cmd', 'test', (d) => ['CMD-SHELL', d.value]),
      healthFlag('health-interval', 'interval', (d) => d.duration()),
      healthFlag('health-timeout', 'timeout', (d) => d.duration()),
      healthFlag('health-start-period', 'start_period', (d) => d.duration()),
      healthFlag('health-start-interval', 'start_interval', (d) => d.duration()),
      healthFlag('health-retries', 'retries', (d) => d.integer()),
      {
        name: 'no-healthcheck',
        takesValue: false,
        apply: (d) => {
          if (d.on) d.entry('healthcheck', 'disable', true);
        },
      },
    ],
    serviceFlags: ['health-cmd', 'health-interval', 'health-timeout', 'health-start-period', 'health-start-interval', 'health-retries', 'no-healthcheck'],
    write: (v) => onlyIf(v !== null, 'healthcheck', () => specHealthcheck(v!)),
  },
};
