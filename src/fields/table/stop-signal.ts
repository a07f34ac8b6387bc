// stop_signal: the signal `docker stop` sends first (STOPSIGNAL); null = the image's, else SIGTERM.
import { Type } from '@sinclair/typebox';
import type { Field } from '../field.js';
import { valueFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { formatOptional } from '../present/format-value.js';
import { RECREATE } from '../rules.js';
import { text } from '../schema-parts.js';
import { stopSignal as checkStopSignal } from '../values/signals.js';
import { containerSpec, orNull } from '../service/service-rules.js';

const keys = {
  stop_signal: {
    get schema() {
      return Type.String(text('Signal that stops the container, e.g. SIGINT.'));
    },
    check: checkStopSignal,
  },
};

export const stopSignal: Field<'stopSignal', string | null, typeof keys> = {
  name: 'stop_signal',
  prop: 'stopSignal',
  keys,
  normalize: ({ stop_signal }, ctx) => {
    if (!stop_signal.value) return null;
    const text = String(stop_signal.value.value).trim();
    if (/^(SIG)?[A-Z0-9+-]+$/i.test(text)) return text;
    ctx.issue(stop_signal.value.path, `"${text}" is not a signal`, 'e.g. SIGINT, SIGTERM or 15');
    return null;
  },
  container: {
    create: (v, body) => {
      if (v !== null) body.StopSignal = v;
    },
    observe: (i, ctx) => (ctx.inherited?.stopSignal || !i.Config?.StopSignal ? null : i.Config.StopSignal),
    inherited: (env, img) => (env.stopSignal === null && (img.stopSignal ?? '') !== '' ? { stopSignal: true } : {}),
  },
  service: {
    create: (v, spec) => {
      if (v !== null) containerSpec(spec).StopSignal = v;
    },
    observe: (spec) => orNull(containerSpec(spec).StopSignal),
  },
  change: RECREATE,
  present: { show: formatOptional },
  import: { flags: [valueFlag('stop-signal', 'stop_signal')], serviceFlags: ['stop-signal'], write: (v) => onlyIf(v !== null, 'stop_signal', () => v) },
};
